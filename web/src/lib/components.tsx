import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { type Lang, lang, LANGS, setLang, t } from "./i18n.ts";
import { applyUpdate, install, installOffer, updateReady } from "./pwa.ts";

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

/** A live video of a MediaStream (muted: it is our own camera). */
export function StreamVideo(props: { stream: MediaStream | null; label: string; class?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== props.stream) ref.current.srcObject = props.stream;
  }, [props.stream]);
  return <video ref={ref} class={props.class} aria-label={props.label} autoplay playsInline muted />;
}

export function Spinner(props: { label: string }) {
  return (
    <div class="progress" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label}</span>
    </div>
  );
}

export function Alert(props: { children: ComponentChildren }) {
  return <p class="alert" role="alert">{props.children}</p>;
}

/** Moves focus to the heading of a new screen so screen readers announce the change. */
export function ScreenHeading(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return <h1 ref={ref} tabIndex={-1}>{props.children}</h1>;
}

/** "New version ready" with an Update button; shown only where it cannot interrupt a live session. */
export function UpdatePrompt() {
  if (!updateReady.value) return null;
  return (
    <div class="banner update" role="status">
      <span>{t("pwa.updateReady")}</span>
      <button type="button" onClick={applyUpdate}>{t("pwa.update")}</button>
    </div>
  );
}

/** "Add to home screen", only where the browser offers installation; never part of the main flow. */
export function InstallButton() {
  if (!installOffer.value) return null;
  return <button type="button" class="link-button" onClick={() => void install()}>{t("pwa.install")}</button>;
}

/** A transfer's progress: label, bar and percentage. */
export function Progress({ label, value }: { label: string; value: number }) {
  const percent = Math.round(value * 100);
  return (
    <div class="transfer">
      <span>{label}</span>
      <progress max={100} value={percent} aria-label={label} />
      <span aria-hidden="true">{percent} %</span>
    </div>
  );
}
