import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type ConsoleModel, createConsoleModel } from "../state/console.ts";
import { formatTime, t } from "../lib/i18n.ts";
import type { MessageKey } from "../messages/en.ts";
import { Alert, LangSwitch, Progress, Spinner, UpdatePrompt } from "../lib/components.tsx";
import { AnnotationLayer, type DrawTool } from "../lib/annotation_layer.tsx";
import { paintShapes } from "../lib/annotations.ts";
import { NewSessionDialog } from "./new_session_dialog.tsx";
import { ChatPanel } from "../lib/chat_panel.tsx";
import type { VideoStats } from "../state/console_room.ts";
import type { SessionView, Transcript } from "../../../shared/schemas.ts";
import { SESSION_LIST_LIMIT } from "../../../shared/constants.ts";

export function ConsoleApp() {
  const model = useMemo(() => {
    const m = createConsoleModel();
    void m.init();
    return m;
  }, []);
  const waiting = model.sessions.value.filter((s) => s.status === "waiting").length;
  useEffect(() => {
    document.title = `${waiting ? `(${waiting}) ` : ""}${t("app.name")} — ${t("console.sessions")}`;
  }, [waiting]);

  if (model.auth.value === "checking") return <Spinner label={t("common.loading")} />;
  if (model.auth.value === "signedOut") return <SignIn model={model} />;
  return <Workspace model={model} />;
}

function SignIn({ model }: { model: ConsoleModel }) {
  const [busy, setBusy] = useState(false);
  const message = model.authMessage.value;
  return (
    <AuthPage>
      <form
        class="stack card"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget as HTMLFormElement);
          setBusy(true);
          await model.signIn(String(form.get("email")), String(form.get("password")));
          setBusy(false);
        }}
      >
        <h1>{t("console.signin.title")}</h1>
        {message && <Alert>{t(message)}</Alert>}
        <label class="field">
          <span>{t("console.signin.email")}</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label class="field">
          <span>{t("console.signin.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t("common.loading") : t("console.signin.submit")}
        </button>
      </form>
    </AuthPage>
  );
}

function Workspace({ model }: { model: ConsoleModel }) {
  const [dialogOpen, setDialogOpen] = useState(false);
  const active = model.active.value;
  const tab = model.tab.value;
  return (
    <div class="console">
      <header class="topbar">
        <span class="brand">{t("app.name")}</span>
        <span class="who">{model.me.value?.name}</span>
        <LangSwitch />
        <button type="button" onClick={() => void model.signOut()}>{t("console.signout")}</button>
      </header>
      {!active && <UpdatePrompt />}
      <div role="tablist" class="tabs" aria-label={t("app.name")}>
        <button
          type="button"
          role="tab"
          id="tab-sessions"
          aria-controls="panel-sessions"
          aria-selected={tab === "sessions"}
          onClick={() => (model.tab.value = "sessions")}
        >
          {t("console.sessions")}
        </button>
        {active && (
          <button
            type="button"
            role="tab"
            id="tab-active"
            aria-controls="panel-active"
            aria-selected={tab === "active"}
            onClick={() => (model.tab.value = "active")}
          >
            <span>{t("console.active")}</span>
            <span class="tab-sub">{active.name}</span>
          </button>
        )}
      </div>
      <main>
        <section id="panel-sessions" role="tabpanel" aria-labelledby="tab-sessions" hidden={tab !== "sessions"}>
          <div role="toolbar" class="toolbar" aria-label={t("console.toolbar")}>
            <button type="button" class="primary" onClick={() => setDialogOpen(true)}>{t("console.new")}</button>
            <NotifyControl model={model} />
          </div>
          {!model.online.value && <p class="banner" role="status">{t("console.sessions.offline")}</p>}
          <div class="split">
            <SessionList model={model} />
            <SessionDetail model={model} />
          </div>
        </section>
        {active && (
          <section id="panel-active" role="tabpanel" aria-labelledby="tab-active" hidden={tab !== "active"}>
            <ActiveSessionView model={model} />
          </section>
        )}
      </main>
      {dialogOpen && <NewSessionDialog model={model} onClose={() => setDialogOpen(false)} />}
    </div>
  );
}

/** "Notify me" until the browser allows notifications; then (or when blocked) a short note. */
function NotifyControl({ model }: { model: ConsoleModel }) {
  const state = model.notify.value;
  if (state === "unsupported") return null;
  if (state === "granted") return <span class="muted toolbar-note">{t("console.notify.on")}</span>;
  if (state === "denied") return <span class="muted toolbar-note">{t("console.notify.denied")}</span>;
  return <button type="button" onClick={() => void model.enableNotifications()}>{t("console.notify")}</button>;
}

const statusKey = (s: SessionView["status"]): MessageKey => `console.status.${s}`;

function age(createdAt: number) {
  const minutes = Math.max(0, Math.round((Date.now() - createdAt) / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function SessionList({ model }: { model: ConsoleModel }) {
  const sessions = model.sessions.value;
  const selectedId = model.selectedId.value;
  const move = (delta: number) => {
    if (!sessions.length) return;
    const i = sessions.findIndex((s) => s.id === selectedId);
    const next = Math.min(sessions.length - 1, Math.max(0, i + delta));
    model.selectedId.value = sessions[i === -1 ? 0 : next].id;
  };
  return (
    <section class="session-list" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("console.sessions")}</h2>
      {sessions.length === 0 ? <p class="muted">{t("console.sessions.empty")}</p> : (
        <ul
          role="listbox"
          aria-labelledby="sessions-heading"
          tabIndex={0}
          aria-activedescendant={selectedId ? `session-${selectedId}` : undefined}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") move(1);
            else if (e.key === "ArrowUp") move(-1);
            else return;
            e.preventDefault();
          }}
        >
          {sessions.map((s) => (
            <li
              key={s.id}
              id={`session-${s.id}`}
              role="option"
              aria-selected={s.id === selectedId}
              class={`session status-${s.status}`}
              onClick={() => (model.selectedId.value = s.id)}
            >
              <span class="session-name">{s.name}</span>
              <span class={`badge badge-${s.status}`}>{t(statusKey(s.status))}</span>
              <span class="session-meta">
                {t("console.pin", { pin: `${s.pin.slice(0, 3)} ${s.pin.slice(3)}` })} · {age(s.createdAt)} ·{" "}
                {t(`console.method.${s.method}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {model.olderSessions.value && (
        <p class="muted">{t("console.sessions.older", { count: String(SESSION_LIST_LIMIT) })}</p>
      )}
    </section>
  );
}

/** The chat of an ended session, fetched when it is shown. */
function TranscriptView({ model, session }: { model: ConsoleModel; session: SessionView }) {
  const [lines, setLines] = useState<Transcript["lines"] | null>(null);
  useEffect(() => {
    setLines(null);
    model.transcript(session.id).then((t) => setLines(t.lines)).catch(() => setLines([]));
  }, [session.id]);
  if (lines === null) return <Spinner label={t("common.loading")} />;
  return (
    <section class="transcript" aria-labelledby="transcript-title">
      <h3 id="transcript-title">{t("console.transcript")}</h3>
      {lines.length === 0 ? <p class="muted">{t("console.transcript.empty")}</p> : (
        <ol>
          {lines.map((l) => (
            <li key={l.id}>
              <span class="chat-meta">
                {l.from === "technician" ? t("chat.you") : session.name} · {formatTime(l.at)}
              </span>
              <p>{l.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SessionDetail({ model }: { model: ConsoleModel }) {
  const s = model.selected.value;
  const error = model.startError.value;
  return (
    <section class="session-detail" aria-live="polite">
      {s
        ? (
          <div class="stack">
            <h2>{s.name}</h2>
            <p>
              <span class={`badge badge-${s.status}`}>{t(statusKey(s.status))}</span>{" "}
              {s.status === "pending" && t("console.dialog.expires", { time: formatTime(s.pinExpiresAt) })}
            </p>
            {s.status === "ended" ? <TranscriptView model={model} session={s} /> : (
              <button
                type="button"
                class="primary"
                disabled={s.status !== "waiting" || model.starting.value}
                onClick={() => void model.start(s.id)}
              >
                {model.starting.value ? t("console.starting") : t("console.start")}
              </button>
            )}
          </div>
        )
        : <p class="muted">{t("console.selectHint")}</p>}
      {error && (
        <div role="alert" class="alert">
          {t(error)}
          {error === "console.activeExists" && model.active.value && (
            <button type="button" onClick={model.showActive}>{t("console.showActive")}</button>
          )}
        </div>
      )}
    </section>
  );
}

function ActiveSessionView({ model }: { model: ConsoleModel }) {
  const active = model.active.value!;
  const videoRef = useRef<HTMLVideoElement>(null);
  const stillRef = useRef<HTMLImageElement>(null);
  const tools = model.tools.value;
  const still = tools?.still.value ?? null;
  const shapes = tools?.drawing.shapes.value ?? [];
  const frameRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const track = model.videoTrack.value;
  useEffect(() => {
    const el = videoRef.current;
    if (!el || !track) return;
    track.attach(el);
    return () => track.detach(el);
  }, [track]);
  useEffect(() => {
    const sync = () =>
      setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === frameRef.current);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  /**
   * Saves what the technician sees as PNG in this browser only: the current frame at the received
   * resolution (or the still at its own), with the drawing.
   */
  const takeScreenshot = async () => {
    const image = still?.url ? stillRef.current : null;
    const video = videoRef.current;
    const [width, height] = image ? [image.naturalWidth, image.naturalHeight] : [video?.videoWidth, video?.videoHeight];
    if (!width || !height) return;
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage((image ?? video)!, 0, 0);
    paintShapes(ctx, shapes, { x: 0, y: 0, w: width, h: height });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `sightline-${active.name.replace(/[^\w-]+/g, "_")}-${new Date().toISOString().slice(0, 19)}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    void model.recordScreenshot();
  };

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frameRef.current?.requestFullscreen().catch(() => {});
  };

  const status = active.state === "connecting"
    ? t("console.connecting")
    : active.state === "reconnecting"
    ? t("console.reconnecting")
    : active.state === "ended"
    ? (active.endedByCustomer ? t("console.ended.customer") : t("console.ended"))
    : active.customerInterrupted ||
        (active.customerPresent && (active.customerStalled || active.quality.customer === "lost"))
    ? t("console.customerReconnecting")
    : !active.customerPresent
    ? t("console.customerLeft")
    : model.held.value
    ? t("console.onHold")
    : active.cameraPaused
    ? t("console.cameraPaused")
    : !track
    ? t("console.waitingVideo")
    : "";
  const live = active.state !== "ended";
  const fit = model.videoFit.value;
  const zoom = model.videoZoom.value;
  const { pan, panning, handlers: panHandlers } = usePan(zoom > 1 && !tools?.tool.value, [zoom, fit]);
  return (
    <div class="active-session">
      <div class="video-frame" ref={frameRef} hidden={!live}>
        <div
          class={`video-viewport${panning ? " pannable" : ""}`}
          tabIndex={panning ? 0 : undefined}
          aria-label={panning ? t("console.view.pan") : undefined}
          role={panning ? "group" : undefined}
          {...panHandlers}
        >
          <div
            class={`video-stage fit-${fit}`}
            style={{
              transform: zoom === 1 && !pan.x && !pan.y ? "" : `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`,
            }}
          >
            <video ref={videoRef} hidden={!!still?.url} aria-label={t("console.video")} autoplay playsInline />
            {still?.url && (
              <img
                ref={stillRef}
                src={still.url}
                alt={t(still.mode === "photo" ? "console.still.photoAlt" : "console.still.freezeAlt", {
                  size: `${still.width}×${still.height}`,
                })}
              />
            )}
            {tools && (
              <AnnotationLayer
                shapes={shapes}
                media={still?.url ? stillRef : videoRef}
                fit={fit === "fit" ? "contain" : "none"}
                label={t("console.annotations")}
                tool={tools.tool.value}
                onShape={tools.draw}
                nextArrow={tools.drawing.nextArrowNumber}
                keyboardHint={t("console.tool.keyboard")}
              />
            )}
          </div>
        </div>
        <div role="toolbar" class="video-tools" aria-label={t("console.view.toolbar")}>
          <button type="button" aria-pressed={fit === "fit" && zoom === 1} onClick={model.fit}>
            {t("console.view.fit")}
          </button>
          <button type="button" aria-pressed={fit === "actual" && zoom === 1} onClick={model.actualSize}>
            {t("console.view.actual")}
          </button>
          <button type="button" disabled={!model.canZoomIn.value} onClick={model.zoomIn}>
            {t("console.view.zoomIn")}
          </button>
          <button type="button" disabled={!model.canZoomOut.value} onClick={model.zoomOut}>
            {t("console.view.zoomOut")}
          </button>
          <button type="button" aria-pressed={fullscreen} onClick={toggleFullscreen}>
            {t("console.view.fullscreen")}
          </button>
          <button type="button" disabled={!track} onClick={() => void takeScreenshot()}>
            {t("console.screenshot")}
          </button>
          <button type="button" aria-pressed={model.details.value !== null} onClick={model.toggleDetails}>
            {t("console.details")}
          </button>
        </div>
        {still?.url && (
          <p class="still-badge" role="status">
            {t(still.mode === "photo" ? "console.still.photoAlt" : "console.still.freezeAlt", {
              size: `${still.width}×${still.height}`,
            })}
          </p>
        )}
        {tools && <PictureTools model={model} />}
        {model.details.value !== null && <DetailsOverlay stats={model.details.value} />}
      </div>
      {still && !still.url && !still.failed && (
        <div class="banner" role="status">
          <Progress
            label={t(still.mode === "photo" ? "console.still.receivingPhoto" : "console.still.receiving")}
            value={still.progress}
          />
        </div>
      )}
      {still?.failed && <Alert>{t("console.still.failed")}</Alert>}
      {status && <p class="banner" role="status">{status}</p>}
      {live && model.endError.value && <Alert>{t(model.endError.value)}</Alert>}
      {live && (
        <div class="live-info">
          <span>{t("console.quality.you", { quality: t(`console.quality.${active.quality.you}`) })}</span>
          <span>
            {t("console.quality.customer", {
              // Nothing arrives: LiveKit's rating still shows what it last saw, this is what holds now.
              quality: t(`console.quality.${active.customerStalled ? "lost" : active.quality.customer}`),
            })}
          </span>
          <span role="status">{active.customerMuted ? t("console.customerMuted") : ""}</span>
        </div>
      )}
      <div class="controls">
        {!live ? <button type="button" onClick={model.closeActive}>{t("common.close")}</button> : (
          <>
            <div class="audio" role="group" aria-label={t("console.audio")}>
              <button type="button" aria-pressed={model.micMuted.value} onClick={() => void model.toggleMic()}>
                {t("console.mic.mute")}
              </button>
              <MicMeter model={model} />
              <label class="volume">
                <span>{t("console.volume")}</span>
                <input
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={model.volume.value}
                  onInput={(e) => model.setVolume(Number((e.currentTarget as HTMLInputElement).value))}
                />
              </label>
            </div>
            <button type="button" onClick={() => void model.switchCustomerCamera()}>
              {t("console.remote.switch")}
            </button>
            {model.customerCaps.value.zoom && <CustomerZoom model={model} />}
            {model.customerCaps.value.torch && (
              <button
                type="button"
                aria-pressed={model.customerTorch.value}
                onClick={() => void model.toggleCustomerTorch()}
              >
                {t("console.remote.torch")}
              </button>
            )}
            <button type="button" onClick={() => void model.toggleHold()}>
              {model.held.value ? t("console.resume") : t("console.hold")}
            </button>
            <button type="button" class="danger" onClick={() => confirmRef.current?.showModal()}>
              {t("console.end")}
            </button>
          </>
        )}
      </div>
      {live && model.chat.value && <ChatPanel chat={model.chat.value} peer={t("chat.customer")} />}
      <dialog ref={confirmRef} role="alertdialog" aria-labelledby="confirm-end-title" class="confirm">
        <form method="dialog" class="stack">
          <h2 id="confirm-end-title">{t("console.confirmEnd", { name: active.name })}</h2>
          <div class="actions">
            <button type="submit" value="cancel">{t("common.cancel")}</button>
            <button type="submit" value="end" class="danger" onClick={() => void model.end()}>
              {t("console.end")}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/**
 * Moving a zoomed picture: drag it, or arrow keys while the picture has focus. Reset when the zoom or
 * fit changes or panning is not possible (not zoomed in, or a drawing tool takes the pointer).
 */
function usePan(enabled: boolean, resetOn: unknown[]) {
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  useEffect(() => setPan({ x: 0, y: 0 }), [...resetOn, enabled]);
  const handlers = enabled
    ? {
      onPointerDown(e: PointerEvent) {
        drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y, id: e.pointerId };
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
      },
      onPointerMove(e: PointerEvent) {
        const d = drag.current;
        if (d?.id === e.pointerId) setPan({ x: e.clientX - d.x, y: e.clientY - d.y });
      },
      onPointerUp() {
        drag.current = null;
      },
      onKeyDown(e: KeyboardEvent) {
        const step = e.shiftKey ? 200 : 40;
        const moves: Record<string, [number, number]> = {
          ArrowLeft: [step, 0],
          ArrowRight: [-step, 0],
          ArrowUp: [0, step],
          ArrowDown: [0, -step],
        };
        const move = moves[e.key];
        if (!move) return;
        e.preventDefault();
        setPan((p) => ({ x: p.x + move[0], y: p.y + move[1] }));
      },
    }
    : {};
  return { pan: enabled ? pan : { x: 0, y: 0 }, panning: enabled, handlers };
}

const DRAW_TOOLS: [DrawTool, MessageKey][] = [
  ["draw", "console.tool.draw"],
  ["arrow", "console.tool.arrow"],
  ["circle", "console.tool.circle"],
];

/** Drawing tools and stills: Draw, Arrow, Circle, Undo, Clear; Freeze / Unfreeze, HD photo. */
function PictureTools({ model }: { model: ConsoleModel }) {
  const tools = model.tools.value!;
  const tool = tools.tool.value;
  const still = tools.still.value;
  const hasShapes = tools.drawing.shapes.value.length > 0;
  const canCapture = !!model.videoTrack.value && !model.held.value;
  return (
    <div role="toolbar" class="video-tools" aria-label={t("console.tool.toolbar")}>
      {DRAW_TOOLS.map(([name, label]) => (
        <button
          key={name}
          type="button"
          aria-pressed={tool === name}
          onClick={() => (tools.tool.value = tool === name ? null : name)}
        >
          {t(label)}
        </button>
      ))}
      <button type="button" disabled={!hasShapes} onClick={tools.undo}>{t("console.tool.undo")}</button>
      <button type="button" disabled={!hasShapes} onClick={tools.clear}>{t("console.tool.clear")}</button>
      {still
        ? <button type="button" onClick={tools.unfreeze}>{t("console.tool.unfreeze")}</button>
        : (
          <button type="button" disabled={!canCapture} onClick={() => tools.requestStill("freeze")}>
            {t("console.tool.freeze")}
          </button>
        )}
      <button
        type="button"
        disabled={!canCapture || (!!still && !still.url && !still.failed)}
        onClick={() => tools.requestStill("photo")}
      >
        {t("console.tool.photo")}
      </button>
    </div>
  );
}

/** The customer's camera zoom, within the range their camera reported. */
function CustomerZoom({ model }: { model: ConsoleModel }) {
  const zoom = model.customerCaps.value.zoom!;
  return (
    <label class="volume">
      <span>{t("console.remote.zoom")}</span>
      <input
        type="range"
        min={zoom.min}
        max={zoom.max}
        step={zoom.step}
        value={zoom.value}
        onInput={(e) => void model.setCustomerZoom(Number((e.currentTarget as HTMLInputElement).value))}
      />
    </label>
  );
}

/** The technician's microphone level; its own component so each frame re-renders only the meter. */
function MicMeter({ model }: { model: ConsoleModel }) {
  const level = model.micLevel.value;
  return (
    <div
      class="meter"
      role="meter"
      aria-label={t("console.mic.level")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
    >
      <span class="meter-bar" style={{ width: `${level}%` }} />
    </div>
  );
}

/** The page around sign-in and set-password: brand, language switch, one card. */
export function AuthPage(props: { children: ComponentChildren }) {
  return (
    <main class="signin">
      <div class="signin-head">
        <span class="brand">{t("app.name")}</span>
        <LangSwitch />
      </div>
      {props.children}
    </main>
  );
}

/** Live figures of the customer's video over the picture; `waiting` until stats exist. */
function DetailsOverlay({ stats }: { stats: VideoStats | "waiting" }) {
  if (stats === "waiting") {
    return <div class="details-overlay" role="status">{t("console.details.waiting")}</div>;
  }
  return (
    <dl class="details-overlay" aria-label={t("console.details")}>
      <dt>{t("console.details.resolution")}</dt>
      <dd data-testid="details-resolution">{stats.width}×{stats.height}</dd>
      <dt>{t("console.details.fps")}</dt>
      <dd data-testid="details-fps">{Math.round(stats.fps)}</dd>
      <dt>{t("console.details.bitrate")}</dt>
      <dd data-testid="details-bitrate">{stats.bitrateKbps} kbit/s</dd>
      <dt>{t("console.details.rtt")}</dt>
      <dd data-testid="details-rtt">{stats.rttMs === null ? "–" : `${stats.rttMs} ms`}</dd>
    </dl>
  );
}
