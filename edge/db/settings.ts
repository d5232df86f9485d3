import { DEFAULT_PIN_VALIDITY_MINUTES, type Settings } from "@sightline/shared";
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
};

export async function getSettings(kv: Deno.Kv): Promise<Settings> {
  const stored = (await kv.get<Partial<Settings>>(keys.settings())).value;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function updateSettings(kv: Deno.Kv, patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings(kv)), ...patch };
  await kv.set(keys.settings(), next);
  return next;
}
