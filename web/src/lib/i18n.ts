import { computed, effect, signal } from "@preact/signals";
import { en, type MessageKey } from "../messages/en.ts";

export type Lang = "en" | "de";
export const LANGS: Lang[] = ["en", "de"];
type Catalog = Record<MessageKey, string>;
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

// English ships in the first download; German is fetched the first time it is chosen, so a customer
// does not download both catalogs before the camera prompt. Until it arrives the UI stays English.
const catalogs = signal<{ en: Catalog; de?: Catalog }>({ en });
let loadingDe = false;
effect(() => {
  if (lang.value !== "de" || catalogs.value.de || loadingDe) return;
  loadingDe = true;
  import("../messages/de.ts")
    .then(({ de }) => catalogs.value = { ...catalogs.value, de })
    .catch((err) => console.warn("German messages did not load; showing English", err))
    .finally(() => loadingDe = false);
});

/** The language on screen: the chosen one once its catalog is here. */
const shown = computed<Lang>(() => (catalogs.value[lang.value] ? lang.value : "en"));

effect(() => {
  document.documentElement.lang = shown.value;
});

/** The message for `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs.value[shown.value]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

export const locale = computed(() => (shown.value === "de" ? "de-DE" : "en-GB"));

export function formatTime(at: number): string {
  return new Intl.DateTimeFormat(locale.value, { hour: "2-digit", minute: "2-digit" }).format(at);
}
