import {
  DEFAULT_PIN_VALIDITY_MINUTES,
  DEFAULT_RETENTION_DAYS,
  type Settings,
  type SettingsPatch,
} from "@sightline/shared";
import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";

/**
 * What the customer agrees to, said as it happens: nothing is sent before Start, live media is not
 * recorded, and what can be kept (HD photos, screenshots, the chat) is named with its retention.
 */
export const DEFAULT_EULA: Settings["eula"] = {
  en: {
    version: "2",
    text: "By accepting, you allow the support technician to see the picture from your phone's camera and " +
      "to talk with you during this support session. Your camera and microphone are shared only after the " +
      "technician starts the session, and only until it ends. You can mute your microphone or end the " +
      "session at any time.",
    privacy: "Live video and audio are not recorded. During the session the technician may take HD photos " +
      "and screenshots of your camera picture; these and the chat may be kept for the retention period set " +
      "by the company providing the support. The start and end of the session and your acceptance of this " +
      "agreement (with your network address and browser) are logged. Nothing else is recorded.",
  },
  de: {
    version: "2",
    text: "Wenn Sie zustimmen, darf die Person, die Sie unterstützt, während dieser Support-Sitzung das Bild " +
      "Ihrer Telefonkamera sehen und mit Ihnen sprechen. Kamera und Mikrofon werden erst übertragen, wenn " +
      "die Sitzung gestartet wird, und nur bis zu ihrem Ende. Sie können Ihr Mikrofon jederzeit " +
      "stummschalten oder die Sitzung beenden.",
    privacy: "Live-Video und -Ton werden nicht aufgezeichnet. Während der Sitzung können HD-Fotos und " +
      "Screenshots Ihres Kamerabilds aufgenommen werden; diese und der Chat können für die " +
      "Aufbewahrungsfrist gespeichert werden, die das Unternehmen festgelegt hat, das Sie unterstützt. " +
      "Protokolliert werden außerdem Beginn und Ende der Sitzung sowie Ihre Zustimmung zu dieser " +
      "Vereinbarung (mit Netzwerkadresse und Browser). Darüber hinaus wird nichts aufgezeichnet.",
  },
};

export const DEFAULT_SETTINGS: Settings = {
  companyName: "Sightline",
  eula: DEFAULT_EULA,
  pinValidityMinutes: DEFAULT_PIN_VALIDITY_MINUTES,
  storeUrls: { android: null, ios: null },
  retentionDays: DEFAULT_RETENTION_DAYS,
};

const MAX_ATTEMPTS = 10;

export async function getSettings(kv: Deno.Kv): Promise<Settings> {
  const stored = (await kv.get<Partial<Settings>>(keys.settings())).value;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Replaces the named top-level fields; the audit entry names the fields (and the EULA's versions). */
export async function updateSettings(kv: Deno.Kv, patch: SettingsPatch, now = Date.now()): Promise<Settings> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<Partial<Settings>>(keys.settings());
    const next: Settings = { ...DEFAULT_SETTINGS, ...entry.value, ...patch };
    const op = kv.atomic().check(entry).set(keys.settings(), next);
    auditInto(op, now, {
      action: "settings.updated",
      // The EULA text can be long; its version identifies it.
      details: { fields: Object.keys(patch), ...(patch.eula ? { eulaVersions: eulaVersions(patch.eula) } : {}) },
    });
    if ((await op.commit()).ok) return next;
  }
  throw new Error("Cannot update settings: too much contention");
}

/** Each language's EULA version (`{en: "2", de: "1"}`). */
const eulaVersions = (eula: Settings["eula"]) =>
  Object.fromEntries(Object.entries(eula).flatMap(([lang, c]) => (c ? [[lang, c.version]] : [])));
