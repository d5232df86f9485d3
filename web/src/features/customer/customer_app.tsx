import type { ComponentType } from "preact";
import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../../lib/i18n.ts";
import { Spinner } from "../../ui/feedback.tsx";
import { LangSwitch } from "../../ui/lang_switch.tsx";
import { UpdatePrompt } from "../../ui/pwa_prompts.tsx";
import type { CustomerModel } from "./model.ts";
import { PermissionScreen } from "./permission_screen.tsx";
import { PinScreen } from "./pin_screen.tsx";
import { TutorialScreen } from "./tutorial_screen.tsx";

/** The live screen (chat, drawing, stills) is its own chunk, fetched while the customer reads the EULA. */
const LiveView = signal<ComponentType<{ model: CustomerModel }> | null>(null);
function loadLiveView() {
  if (!LiveView.value) void import("./live_screen.tsx").then((m) => (LiveView.value = m.LiveScreen));
}

/**
 * EULA, waiting and ended (and the rare screens: a browser that cannot do the job, a link that no
 * longer works): a chunk fetched as soon as the first screen is up.
 */
const SessionScreens = signal<typeof import("./session_screens.tsx") | null>(null);
function loadSessionScreens() {
  if (!SessionScreens.value) void import("./session_screens.tsx").then((m) => (SessionScreens.value = m));
}

/** The customer app: the screen the flow says, under the company's name and the language switch. */
export function CustomerApp({ model }: { model: CustomerModel }) {
  const s = model.screen.value;
  useEffect(() => {
    if (s.name !== "checking") loadSessionScreens();
    if (s.name === "eula" || s.name === "waiting" || s.name === "live") loadLiveView();
  }, [s.name]);
  const Live = LiveView.value;
  const later = SessionScreens.value;
  const loading = <Spinner label={t("common.loading")} />;
  return (
    <div class="customer">
      <header class="topbar">
        <span class="brand">{model.info.value?.companyName ?? t("app.name")}</span>
        <LangSwitch />
      </header>
      {s.name !== "live" && s.name !== "waiting" && <UpdatePrompt />}
      <main class="screen" key={s.name}>
        {s.name === "checking" && <Spinner label={t("customer.checking")} />}
        {s.name === "pin" && <PinScreen model={model} problem={s.problem} retryAfter={s.retryAfterSeconds} />}
        {s.name === "unsupported" && (later ? <later.UnsupportedScreen model={model} reason={s.reason} /> : loading)}
        {s.name === "tutorial" && <TutorialScreen model={model} step={s.step} />}
        {s.name === "permission" && (
          <PermissionScreen model={model} asking={s.asking} problem={s.problem} help={later?.PermissionHelp} />
        )}
        {s.name === "eula" &&
          (later ? <later.EulaScreen model={model} joining={s.joining} problem={s.problem} /> : loading)}
        {s.name === "waiting" && (later ? <later.WaitingScreen model={model} /> : loading)}
        {s.name === "live" && (Live ? <Live model={model} /> : loading)}
        {s.name === "ended" && (later ? <later.EndedScreen reason={s.reason} /> : loading)}
        {s.name === "gone" &&
          (later ? <later.LinkGoneScreen reason={s.reason} companyName={s.companyName} /> : loading)}
      </main>
    </div>
  );
}
