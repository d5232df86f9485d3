import { useEffect, useMemo, useState } from "preact/hooks";
import { createCustomerModel, type CustomerModel, TUTORIAL_STEPS } from "../state/customer.ts";
import { t } from "../lib/i18n.ts";
import { platform } from "../lib/browser.ts";
import type { MessageKey } from "../messages/en.ts";
import {
  Alert,
  InstallButton,
  LangSwitch,
  ScreenHeading,
  Spinner,
  StreamVideo,
  UpdatePrompt,
} from "../lib/components.tsx";
import { PhoneCameraArt, PointArt, TalkArt } from "./illustrations.tsx";
import type { ComponentType } from "preact";
import { signal } from "@preact/signals";

/** The live screen (chat, drawing, stills) is its own chunk, fetched while the customer reads the EULA. */
const LiveView = signal<ComponentType<{ model: CustomerModel }> | null>(null);
function loadLiveView() {
  if (!LiveView.value) void import("./live_screen.tsx").then((m) => (LiveView.value = m.LiveScreen));
}

export function CustomerApp(props: { model?: CustomerModel }) {
  const model = useMemo(() => {
    const m = props.model ?? createCustomerModel();
    void m.start(location);
    return m;
  }, []);
  const s = model.screen.value;
  useEffect(() => {
    if (s.name === "eula" || s.name === "waiting" || s.name === "live") loadLiveView();
  }, [s.name]);
  const Live = LiveView.value;
  return (
    <div class="customer">
      <header class="topbar">
        <span class="brand">{model.info.value?.companyName ?? t("app.name")}</span>
        <LangSwitch />
      </header>
      {s.name !== "live" && s.name !== "waiting" && <UpdatePrompt />}
      <main class="screen" key={s.name}>
        {s.name === "checking" && <Spinner label={t("customer.checking")} />}
        {s.name === "pin" && <PinScreen model={model} error={s.error} retryAfter={s.retryAfterSeconds} />}
        {s.name === "unsupported" && <UnsupportedScreen model={model} reason={s.reason} />}
        {s.name === "tutorial" && <TutorialScreen model={model} step={s.step} />}
        {s.name === "permission" && <PermissionScreen model={model} asking={s.asking} problem={s.problem} />}
        {s.name === "eula" && <EulaScreen model={model} joining={s.joining} error={s.error} />}
        {s.name === "waiting" && <WaitingScreen model={model} />}
        {s.name === "live" && (Live ? <Live model={model} /> : <Spinner label={t("common.loading")} />)}
        {s.name === "ended" && <EndedScreen reason={s.reason} />}
      </main>
    </div>
  );
}

function PinScreen({ model, error, retryAfter }: { model: CustomerModel; error?: string; retryAfter?: number }) {
  const [value, setValue] = useState("");
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void model.submitPin(value);
      }}
    >
      <ScreenHeading>{t("customer.pin.title")}</ScreenHeading>
      <p>{t("customer.pin.intro")}</p>
      <label class="field">
        <span>{t("customer.pin.label")}</span>
        <input
          class="pin-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={7}
          value={value}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "pin-error" : undefined}
          onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value.replace(/[^\d ]/g, ""))}
        />
      </label>
      {error && <p id="pin-error" class="alert" role="alert">{t(error as MessageKey, { seconds: retryAfter ?? 60 })}
      </p>}
      <button type="submit" class="primary">{t("customer.pin.connect")}</button>
    </form>
  );
}

function UnsupportedScreen({ model, reason }: { model: CustomerModel; reason: "inApp" | "missing" }) {
  const [copied, setCopied] = useState(false);
  const os = platform();
  const store = os === "desktop" ? null : model.info.value?.storeUrls[os];
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.unsupported.title")}</ScreenHeading>
      <p>{t(reason === "inApp" ? "customer.unsupported.inApp" : "customer.unsupported.missing")}</p>
      <button
        type="button"
        class="primary"
        onClick={async () => {
          await navigator.clipboard?.writeText(location.href).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? t("common.copied") : t("customer.unsupported.copy")}
      </button>
      {store && (
        <>
          <p class="muted">{t("customer.unsupported.storeIntro")}</p>
          <a class="button" href={store} rel="noopener">
            {t(os === "ios" ? "customer.unsupported.appStore" : "customer.unsupported.googlePlay")}
          </a>
        </>
      )}
    </div>
  );
}

const STEPS: { text: MessageKey; Art: () => preact.JSX.Element }[] = [
  { text: "customer.tutorial.step1", Art: PhoneCameraArt },
  { text: "customer.tutorial.step2", Art: TalkArt },
  { text: "customer.tutorial.step3", Art: PointArt },
];

function TutorialScreen({ model, step }: { model: CustomerModel; step: number }) {
  const { text, Art } = STEPS[step];
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.tutorial.title")}</ScreenHeading>
      <p class="muted">{t("customer.tutorial.stepOf", { n: step + 1, total: TUTORIAL_STEPS })}</p>
      <Art />
      <p class="lead">{t(text)}</p>
      <div class="actions">
        <button type="button" onClick={model.skipTutorial}>{t("customer.tutorial.skip")}</button>
        <button type="button" class="primary" onClick={model.nextTutorialStep}>{t("customer.tutorial.ok")}</button>
      </div>
      <InstallButton />
    </div>
  );
}

function PermissionScreen(
  { model, asking, problem }: { model: CustomerModel; asking: boolean; problem?: string },
) {
  const help: MessageKey = `customer.permission.help.${platform()}`;
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.permission.title")}</ScreenHeading>
      <p>{t("customer.permission.why")}</p>
      {asking && <Spinner label={t("customer.permission.asking")} />}
      {problem === "denied" && (
        <Alert>
          {t("customer.permission.denied")} {t(help)}
        </Alert>
      )}
      {problem === "noCamera" && <Alert>{t("customer.permission.noCamera")}</Alert>}
      {problem === "inUse" && <Alert>{t("customer.permission.inUse")}</Alert>}
      {problem === "error" && <Alert>{t("error.generic")}</Alert>}
      <button type="button" class="primary" disabled={asking} onClick={() => void model.requestCamera()}>
        {problem ? t("customer.permission.retry") : t("customer.permission.allow")}
      </button>
    </div>
  );
}

function EulaScreen({ model, joining, error }: { model: CustomerModel; joining: boolean; error?: string }) {
  const eula = model.info.value?.eula;
  return (
    <div class="stack">
      <StreamVideo class="preview small" stream={model.stream.value} label={t("customer.preview")} />
      <section class="eula" aria-labelledby="eula-title">
        <h1 id="eula-title">{t("customer.eula.title")}</h1>
        <div class="eula-text" tabIndex={0}>{eula?.text}</div>
      </section>
      {error && <Alert>{t(error as MessageKey)}</Alert>}
      {joining ? <Spinner label={t("customer.eula.joining")} /> : (
        <div class="actions">
          <button type="button" onClick={() => void model.decline()}>{t("customer.eula.decline")}</button>
          <button type="button" class="primary" onClick={() => void model.accept()}>{t("customer.eula.accept")}</button>
        </div>
      )}
    </div>
  );
}

function WaitingScreen({ model }: { model: CustomerModel }) {
  const info = model.info.value;
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.waiting.title")}</ScreenHeading>
      <StreamVideo class="preview" stream={model.stream.value} label={t("customer.preview")} />
      <p>{t("customer.waiting.body", { technician: info?.technicianName ?? "", company: info?.companyName ?? "" })}</p>
      <div class="pulse" role="progressbar" aria-label={t("customer.waiting.title")} />
    </div>
  );
}

function EndedScreen({ reason }: { reason: string }) {
  const key: MessageKey = reason === "technician"
    ? "customer.ended.technician"
    : reason === "customer"
    ? "customer.ended.customer"
    : reason === "declined"
    ? "customer.ended.declined"
    : "customer.ended.other";
  return (
    <div class="stack">
      <ScreenHeading>{t("customer.ended.title")}</ScreenHeading>
      <p>{t(key)}</p>
      <p class="muted">{t("customer.ended.thanks")}</p>
      <InstallButton />
    </div>
  );
}
