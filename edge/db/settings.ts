import {
  DEFAULT_PIN_VALIDITY_MINUTES,
  DEFAULT_RETENTION_DAYS,
  type Settings,
  type SettingsPatch,
} from "@sightline/shared";
import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";

export const DEFAULT_SETTINGS: Settings = {
  companyName: "Sightline",
  eula: {
    version: "1",
    text: "By accepting, you allow the support technician to see your camera picture and to talk " +
      "with you for the length of this support session. Nothing is recorded. You can end the " +
      "session at any time.",
  },
  pinValidityMinutes: DEFAULT_PIN_VALIDITY_MINUTES,
  storeUrls: { android: null, ios: null },
  retentionDays: DEFAULT_RETENTION_DAYS,
};

const MAX_ATTEMPTS = 10;

export async function getSettings(kv: Deno.Kv): Promise<Settings> {
  const stored = (await kv.get<Partial<Settings>>(keys.settings())).value;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Replaces the named top-level fields; the audit entry names the fields (and the EULA version). */
export async function updateSettings(kv: Deno.Kv, patch: SettingsPatch, now = Date.now()): Promise<Settings> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<Partial<Settings>>(keys.settings());
    const next: Settings = { ...DEFAULT_SETTINGS, ...entry.value, ...patch };
    const op = kv.atomic().check(entry).set(keys.settings(), next);
    auditInto(op, now, {
      action: "settings.updated",
      // The EULA text can be long; its version identifies it.
      details: { fields: Object.keys(patch), ...(patch.eula ? { eulaVersion: patch.eula.version } : {}) },
    });
    if ((await op.commit()).ok) return next;
  }
  throw new Error("Cannot update settings: too much contention");
}
