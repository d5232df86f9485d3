import { computed, effect, signal } from "@preact/signals";
import { en, type MessageKey } from "../messages/en.ts";

export type Lang = "en" | "de";
export const LANGS: Lang[] = ["en", "de"];
type Catalog = Partial<Record<MessageKey, string>>;
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
// A page adds its own catalogs (the console's) with `addMessages`.
const catalogs = signal<{ en: Catalog; de?: Catalog }>({ en });
const germanParts: (() => Promise<Catalog>)[] = [() => import("../messages/de.ts").then((m) => m.de)];

function loadGerman() {
  const count = germanParts.length;
  Promise.all(germanParts.map((load) => load()))
    .then((parts) => {
      // A page may have added its part meanwhile; then the newer load fills the catalog.
      if (count === germanParts.length) catalogs.value = { ...catalogs.value, de: Object.assign({}, ...parts) };
    })
    .catch((err) => console.warn("German messages did not load; showing English", err));
}

effect(() => {
  if (lang.value === "de" && !catalogs.value.de) loadGerman();
});

/** Adds a page's own messages: English at once, German with the rest of German. */
export function addMessages(english: Catalog, german: () => Promise<Catalog>) {
  germanParts.push(german);
  catalogs.value = { en: { ...catalogs.value.en, ...english }, de: undefined };
}

/** The language on screen: the chosen one once its catalog is here. */
const shown = computed<Lang>(() => (catalogs.value[lang.value] ? lang.value : "en"));

effect(() => {
  document.documentElement.lang = shown.value;
});

/** The message for `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs.value[shown.value]?.[key] ?? catalogs.value.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

export const locale = computed(() => (shown.value === "de" ? "de-DE" : "en-GB"));

export function formatTime(at: number): string {
  return new Intl.DateTimeFormat(locale.value, { hour: "2-digit", minute: "2-digit" }).format(at);
}
