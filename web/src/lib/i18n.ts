import { computed, effect, signal } from "@preact/signals";
import { en, type MessageKey } from "../messages/en.ts";
import { de } from "../messages/de.ts";

export type Lang = "en" | "de";
export const LANGS: Lang[] = ["en", "de"];
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, de };
const STORAGE_KEY = "sightline.lang";

function initialLang(): Lang {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "de") return stored;
  for (const l of globalThis.navigator?.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if (base === "de" || base === "en") return base;
  }
  return "en";
}

/** The UI language: from the visible switch, else the browser's languages. */
export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang) {
  lang.value = next;
  localStorage.setItem(STORAGE_KEY, next);
}

effect(() => {
  document.documentElement.lang = lang.value;
});

/** The message for `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs[lang.value][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

export const locale = computed(() => (lang.value === "de" ? "de-DE" : "en-GB"));

export function formatTime(at: number): string {
  return new Intl.DateTimeFormat(locale.value, { hour: "2-digit", minute: "2-digit" }).format(at);
}
