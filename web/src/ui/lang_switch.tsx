import { type Lang, lang, LANGS, setLang, t } from "../lib/i18n.ts";

/** The visible language switch (English / Deutsch). */
export function LangSwitch() {
  return (
    <label class="lang-switch">
      <span class="visually-hidden">{t("lang.label")}</span>
      <select value={lang.value} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
        {LANGS.map((l) => <option value={l} key={l}>{l === "en" ? "English" : "Deutsch"}</option>)}
      </select>
    </label>
  );
}
