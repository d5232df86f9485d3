import { batch, signal } from "@preact/signals";
import {
  AcceptResponseSchema,
  type JoinInfo,
  JoinInfoSchema,
  type LiveKitConnection,
  PinSchema,
  RejoinResponseSchema,
} from "../../../shared/customer_schemas.ts";
import { anyJson, api, ApiError } from "../lib/api.ts";
import { browserProblem } from "../lib/browser.ts";
import type { CustomerRoom } from "./customer_room.ts";
import type { CustomerTools } from "./customer_tools.ts";
import type { Chat } from "./chat.ts";

export type PermissionProblem = "denied" | "noCamera" | "inUse" | "error";
export type EndedReason = "technician" | "customer" | "declined" | "other";

export type Screen =
  | { name: "pin"; error?: string; retryAfterSeconds?: number }
  | { name: "checking" }
  | { name: "unsupported"; reason: "inApp" | "missing" }
  | { name: "tutorial"; step: number }
  | { name: "permission"; asking: boolean; problem?: PermissionProblem }
  | { name: "eula"; joining: boolean; error?: string }
  | { name: "waiting" }
  | { name: "live" }
  | { name: "ended"; reason: EndedReason };

export const TUTORIAL_STEPS = 3;

/** What survives a reload of the tab (sessionStorage): enough to rejoin without the used-up PIN. */
interface Saved {
  customerKey: string;
  pin: string;
  info: JoinInfo;
}
const SAVED_KEY = "sightline.session";
/** The PIN of a session that ended in this tab, so a reload says "ended" rather than "unknown PIN". */
const ENDED_KEY = "sightline.ended";
const loadSaved = (): Saved | null => {
  try {
    return JSON.parse(sessionStorage.getItem(SAVED_KEY) ?? "null");
  } catch {
    return null;
  }
};

/** The customer app as a model: signals to read, actions to call; the LiveKit room lives inside. */
export function createCustomerModel() {
  const screen = signal<Screen>({ name: "checking" });
  const info = signal<JoinInfo | null>(null);
  const stream = signal<MediaStream | null>(null);
  const muted = signal(false);
  const reconnecting = signal(false);
  const poorConnection = signal(false);
  /** The phone says it has no network at all: told at once, before LiveKit notices the silence. */
  const offline = signal(typeof navigator !== "undefined" && navigator.onLine === false);
  globalThis.addEventListener?.("offline", () => (offline.value = true));
  globalThis.addEventListener?.("online", () => (offline.value = false));
  /** The camera stopped (taken by another app, or the OS ended it) and could not restart by itself. */
  const cameraStopped = signal(false);
  /** Torch support of the current camera; the Flashlight control exists only when true. */
  const torchAvailable = signal(false);
  const torchOn = signal(false);
  /** The technician put the video on hold: the camera is off until they resume. */
  const onHold = signal(false);
  /** The technician's last change to the camera, shown with an Undo until dismissed. */
  const remoteChange = signal<"switch" | "torch-on" | "torch-off" | "zoom" | null>(null);
  /** The technician's picture tools (drawing, stills) of the live session; loaded with the room. */
  const tools = signal<CustomerTools | null>(null);
  /** The camera's zoom range, when it has one, and the zoom before the technician's latest changes. */
  let zoomRange: { min: number; max: number; step: number } | null = null;
  let zoomBefore: number | null = null;
  /** The session's chat, created with the room (its code is not part of the first download). */
  const chat = signal<Chat | null>(null);
  let pin = "";
  let linkSecret: string | undefined;
  let facing: "environment" | "user" = "environment";
  let room: CustomerRoom | null = null;
  let customerKey: string | null = null;

  async function lookUp(candidate: string): Promise<boolean> {
    try {
      info.value = await api(`/api/join/${candidate}`, {
        schema: JoinInfoSchema,
        headers: linkSecret ? { "x-link-secret": linkSecret } : {},
      });
      pin = candidate;
      return true;
    } catch (err) {
      screen.value = {
        name: "pin",
        error: describeLookupError(err),
        retryAfterSeconds: err instanceof ApiError ? err.retryAfterSeconds ?? undefined : undefined,
      };
      return false;
    }
  }

  function afterLookup() {
    const problem = browserProblem();
    screen.value = problem ? { name: "unsupported", reason: problem } : { name: "tutorial", step: 0 };
  }

  function getCamera(kinds: { audio: boolean } = { audio: true }): Promise<MediaStream> {
    return navigator.mediaDevices.getUserMedia({
      // No `zoom: true`: on desktop Chrome it asks for a second permission (to move the camera) and
      // fails where that is refused; phones report their back camera's zoom without it.
      video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: kinds.audio ? { echoCancellation: true, noiseSuppression: true } : false,
    });
  }

  /** Watches the camera track: torch capability, and the track ending under us. */
  function adoptStream(next: MediaStream) {
    const [video] = next.getVideoTracks();
    const caps = video?.getCapabilities?.() as
      | (MediaTrackCapabilities & { torch?: boolean; zoom?: { min: number; max: number; step?: number } })
      | undefined;
    zoomRange = caps?.zoom && caps.zoom.max > caps.zoom.min
      ? { min: caps.zoom.min, max: caps.zoom.max, step: caps.zoom.step || 0.1 }
      : null;
    batch(() => {
      stream.value = next;
      torchAvailable.value = caps?.torch === true;
      torchOn.value = false;
      cameraStopped.value = false;
    });
    video?.addEventListener("ended", () => {
      const current = stream.value?.getVideoTracks()[0] === video;
      if (current && !onHold.value && document.visibilityState === "visible") {
        void restartCamera();
      }
    });
  }

  /** Opens the camera anew (video only) in place of the current track; the microphone stays. */
  async function reopenCamera() {
    const [video] = (await getCamera({ audio: false })).getVideoTracks();
    await room?.replaceVideo(video);
    adoptStream(new MediaStream([video, ...(stream.value?.getAudioTracks() ?? [])]));
    sendCaps();
  }

  /** A new camera track in place of one that ended (phone call, app switch, camera taken). */
  async function restartCamera() {
    try {
      await reopenCamera();
      await room?.setCameraPaused(false);
    } catch {
      cameraStopped.value = true;
    }
  }

  function stopStream() {
    stream.value?.getTracks().forEach((t) => t.stop());
    stream.value = null;
  }

  function end(reason: EndedReason) {
    room = null;
    tools.value?.dispose();
    tools.value = null;
    chat.value?.attach(null);
    sessionStorage.removeItem(SAVED_KEY);
    if (pin) sessionStorage.setItem(ENDED_KEY, JSON.stringify({ pin, reason }));
    document.removeEventListener("visibilitychange", onVisibility);
    stopStream();
    batch(() => {
      reconnecting.value = false;
      screen.value = { name: "ended", reason };
    });
  }

  const currentZoom = () =>
    (stream.value?.getVideoTracks()[0]?.getSettings() as { zoom?: number } | undefined)?.zoom ?? zoomRange?.min ?? 1;

  function sendCaps() {
    const zoom = zoomRange && { ...zoomRange, value: currentZoom() };
    void room?.sendTool({ type: "caps", torch: torchAvailable.value, zoom }).catch(() => {});
  }

  async function setZoom(value: number) {
    const [video] = stream.value?.getVideoTracks() ?? [];
    if (!video || !zoomRange) return;
    const zoom = Math.min(zoomRange.max, Math.max(zoomRange.min, value));
    await video.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
  }

  async function switchCamera() {
    facing = facing === "environment" ? "user" : "environment";
    // Release the current camera first: many phones cannot open front and back at once.
    stream.value?.getVideoTracks().forEach((t) => t.stop());
    await reopenCamera();
  }

  async function setTorch(on: boolean) {
    const [video] = stream.value?.getVideoTracks() ?? [];
    if (!video || !torchAvailable.value) return;
    await video.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    torchOn.value = on;
  }

  /** A change the technician asked for; the customer sees it and can undo it. */
  async function applyRemote(action: "switch" | "torch-on" | "torch-off") {
    if (action === "switch") await switchCamera();
    else await setTorch(action === "torch-on");
    remoteChange.value = action;
  }

  /** The technician's zoom; Undo goes back to the zoom before their first change in a row. */
  async function applyRemoteZoom(value: number) {
    if (remoteChange.value !== "zoom") zoomBefore = currentZoom();
    await setZoom(value);
    remoteChange.value = "zoom";
  }

  /** Hold stops the camera itself (its light goes off); Resume opens it again. */
  async function setHold(on: boolean) {
    if (onHold.value === on) return;
    onHold.value = on;
    if (on) {
      await room?.setCameraPaused(true);
      stream.value?.getVideoTracks().forEach((t) => t.stop());
    } else {
      await restartCamera();
    }
  }

  /** Hidden (screen lock, app switch): the technician sees "paused"; back: the camera resumes. */
  function onVisibility() {
    if (!room || onHold.value) return;
    if (document.visibilityState === "hidden") {
      void room.setCameraPaused(true);
      return;
    }
    const [video] = stream.value?.getVideoTracks() ?? [];
    if (!video || video.readyState === "ended") void restartCamera();
    else void room.setCameraPaused(false);
  }

  async function joinRoom(connection: LiveKitConnection) {
    const [{ joinCustomerRoom }, { createCustomerTools, createChat }] = await Promise.all([
      import("./customer_room.ts"),
      import("./customer_tools.ts"),
    ]);
    // The chat survives a rejoin; a rejoin starts with a fresh picture; `sync` brings the drawing (and a new still) back.
    const sessionChat = chat.value ?? createChat();
    chat.value = sessionChat;
    tools.value?.dispose();
    const sessionTools = createCustomerTools({
      send: (message) => room ? room.sendTool(message) : Promise.resolve(),
      sendStill: (...args) => room ? room.sendStill(...args) : Promise.reject(new Error("not connected")),
      videoTrack: () => stream.value?.getVideoTracks()[0],
    });
    tools.value = sessionTools;
    room = await joinCustomerRoom(connection, () => stream.value!, {
      onLive: () => {
        screen.value = { name: "live" };
        sendCaps();
        void sessionTools.sync();
      },
      onReconnecting: (value) => {
        reconnecting.value = value;
        // Drawing messages sent while the connection was down may be lost: ask for the current state.
        if (!value && screen.value.name === "live") void sessionTools.sync();
      },
      onQuality: (poor) => (poorConnection.value = poor),
      // The technician joins the room after Start, maybe after this page went live (or rejoins after a
      // reload): tell them again what the camera can do and ask for the drawing.
      onTechnicianJoined: () => {
        if (screen.value.name !== "live") return;
        sendCaps();
        void sessionTools.sync();
      },
      onTool: (message) => {
        if (sessionTools.handle(message)) return;
        if (message.type === "chat") sessionChat.receive(message);
        else if (message.type === "zoom") void applyRemoteZoom(message.value);
        else if (message.type === "hold") void setHold(message.on);
        else if (message.type === "camera") void applyRemote(message.action);
      },
      onEnded: (byUs) => {
        if (screen.value.name !== "ended") end(byUs ? "customer" : "technician");
      },
      onLost: () => void recover(),
    });
    sessionChat.attach(room.sendTool);
    document.addEventListener("visibilitychange", onVisibility);
    if (screen.value.name !== "live") screen.value = { name: "waiting" };
  }

  let recovering = false;

  /**
   * The media connection was lost (LiveKit restarted or left, reconnecting gave up) while the session
   * may still run: ask the edge with the customer key and join again, retrying while the edge or
   * LiveKit is unreachable ("reconnecting" shows, End stays available). An ended session ends here too.
   */
  async function recover() {
    if (recovering || !customerKey) return;
    recovering = true;
    room = null;
    chat.value?.attach(null);
    reconnecting.value = true;
    const ended = () => screen.value.name === "ended";
    try {
      for (let attempt = 0; !ended(); attempt++) {
        try {
          const res = await api("/api/customer/rejoin", {
            body: {},
            bearer: customerKey,
            schema: RejoinResponseSchema,
          });
          if (ended()) return;
          await ensureStream();
          await joinRoom(res.livekit);
          reconnecting.value = false;
          return;
        } catch (err) {
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            sessionStorage.removeItem(SAVED_KEY);
            if (!ended()) end("other");
            return;
          }
          await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** attempt)));
        }
      }
    } finally {
      recovering = false;
    }
  }

  /** The camera and microphone to publish again: the current ones, or opened anew if they stopped. */
  async function ensureStream() {
    const current = stream.value;
    if (current && current.getTracks().every((t) => t.readyState === "live")) return;
    onHold.value = false;
    stopStream();
    adoptStream(await getCamera());
    stream.value?.getAudioTracks().forEach((t) => (t.enabled = !muted.value));
  }

  /** After a reload: back into the session with the saved customer key, if it is still running. */
  async function tryRejoin(saved: Saved): Promise<boolean> {
    try {
      const res = await api("/api/customer/rejoin", {
        body: {},
        bearer: saved.customerKey,
        schema: RejoinResponseSchema,
      });
      customerKey = saved.customerKey;
      pin = saved.pin;
      info.value = saved.info;
      adoptStream(await getCamera());
      await joinRoom(res.livekit);
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 409)) {
        sessionStorage.removeItem(SAVED_KEY);
        if (err.status === 409) {
          end("other");
          return true;
        }
        return false;
      }
      // The camera could not restart without a prompt, or the network failed: start over cleanly.
      screen.value = { name: "permission", asking: false, problem: describeMediaError(err) };
      return true;
    }
  }

  return {
    screen,
    info,
    stream,
    muted,
    reconnecting,
    poorConnection,
    offline,
    cameraStopped,
    torchAvailable,
    torchOn,
    onHold,
    remoteChange,
    chat,
    tools,

    /** Entry: a saved session rejoins; `/j/<pin>#k=<secret>` goes straight on; else the PIN form. */
    async start(location: Location) {
      const saved = loadSaved();
      if (saved && (await tryRejoin(saved))) return;
      const match = location.pathname.match(/^\/j\/(\d{6})\/?$/);
      const secret = new URLSearchParams(location.hash.slice(1)).get("k");
      if (!match) {
        screen.value = { name: "pin" };
        return;
      }
      const ended = JSON.parse(sessionStorage.getItem(ENDED_KEY) ?? "null") as
        | { pin: string; reason: EndedReason }
        | null;
      if (ended?.pin === match[1]) {
        screen.value = { name: "ended", reason: ended.reason };
        return;
      }
      linkSecret = secret ?? undefined;
      if (await lookUp(match[1])) afterLookup();
    },

    async submitPin(raw: string) {
      const candidate = raw.replace(/\D/g, "");
      if (!PinSchema.safeParse(candidate).success) {
        screen.value = { name: "pin", error: "customer.pin.invalid" };
        return;
      }
      screen.value = { name: "checking" };
      if (await lookUp(candidate)) afterLookup();
    },

    nextTutorialStep() {
      const s = screen.value;
      if (s.name !== "tutorial") return;
      screen.value = s.step + 1 < TUTORIAL_STEPS
        ? { name: "tutorial", step: s.step + 1 }
        : { name: "permission", asking: false };
    },
    skipTutorial() {
      screen.value = { name: "permission", asking: false };
    },

    async requestCamera() {
      screen.value = { name: "permission", asking: true };
      try {
        adoptStream(await getCamera());
        screen.value = { name: "eula", joining: false };
      } catch (err) {
        screen.value = { name: "permission", asking: false, problem: describeMediaError(err) };
      }
    },

    async accept() {
      const current = info.value;
      if (!current) return;
      screen.value = { name: "eula", joining: true };
      try {
        const res = await api(`/api/join/${pin}/accept`, {
          body: { eulaVersion: current.eula.version, ...(linkSecret ? { linkSecret } : {}) },
          schema: AcceptResponseSchema,
        });
        customerKey = res.customerKey;
        sessionStorage.setItem(SAVED_KEY, JSON.stringify({ customerKey, pin, info: current } satisfies Saved));
        await joinRoom(res.livekit);
      } catch (err) {
        screen.value = { name: "eula", joining: false, error: describeJoinError(err) };
      }
    },

    async decline() {
      try {
        await api(`/api/join/${pin}/decline`, { body: linkSecret ? { linkSecret } : {}, schema: anyJson });
      } catch { /* ending locally is what matters to the customer */ }
      end("declined");
    },

    toggleMute() {
      muted.value = !muted.value;
      stream.value?.getAudioTracks().forEach((t) => (t.enabled = !muted.value));
      void room?.setMuted(muted.value);
    },

    switchCamera,

    toggleTorch: () => setTorch(!torchOn.value),

    async undoRemoteChange() {
      const change = remoteChange.value;
      remoteChange.value = null;
      if (change === "switch") await switchCamera();
      else if (change === "zoom") await setZoom(zoomBefore ?? zoomRange?.min ?? 1);
      else if (change) await setTorch(change !== "torch-on");
    },

    dismissRemoteChange: () => (remoteChange.value = null),

    restartCamera,

    async endSession() {
      const key = customerKey;
      const r = room;
      end("customer");
      if (key) await api("/api/customer/end", { body: {}, bearer: key, schema: anyJson }).catch(() => {});
      await r?.disconnect();
    },
  };
}

export type CustomerModel = ReturnType<typeof createCustomerModel>;

function describeLookupError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return "error.network";
    if (err.status === 404 || err.status === 403) return "customer.pin.notFound";
    if (err.status === 429) return "customer.pin.throttled";
  }
  return "error.generic";
}

function describeJoinError(err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return "error.network";
  if (err instanceof ApiError && err.status === 404) return "customer.pin.notFound";
  return "error.generic";
}

function describeMediaError(err: unknown): PermissionProblem {
  const name = err instanceof DOMException ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noCamera";
  if (name === "NotReadableError" || name === "AbortError") return "inUse";
  return "error";
}
