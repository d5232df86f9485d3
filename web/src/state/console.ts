import { batch, computed, signal } from "@preact/signals";
import {
  type CreateSessionBody,
  type CreateSessionResponse,
  CreateSessionResponseSchema,
  type Me,
  MeSchema,
  SessionListSchema,
  type SessionView,
  StartResponseSchema,
  TranscriptSchema,
} from "../../../shared/schemas.ts";
import { anyJson, api, ApiError } from "../lib/api.ts";
import { t } from "../lib/i18n.ts";
import type { Quality, TechnicianRoom, VideoSink, VideoStats } from "./console_room.ts";
import { type Chat, createChat } from "./chat.ts";
import { type ConsoleTools, createConsoleTools } from "./console_tools.ts";

export type AuthState = "checking" | "signedOut" | "signedIn";
export type LiveState = "connecting" | "live" | "reconnecting" | "ended";

export interface ActiveSession {
  id: string;
  name: string;
  state: LiveState;
  customerPresent: boolean;
  /** The customer is gone because their connection dropped, not because they left. */
  customerInterrupted: boolean;
  /** Nothing arrives from the customer any more, though LiveKit still counts them in the room. */
  customerStalled: boolean;
  cameraPaused: boolean;
  endedByCustomer: boolean;
  customerMuted: boolean;
  quality: { you: Quality; customer: Quality };
}

/** How the customer's video is shown: fitted into the frame or one video pixel per CSS pixel, then zoomed. */
export type VideoFit = "fit" | "actual";
const ZOOM_STEP = 1.25;
const ZOOM_MIN = 0.25;
const ZOOM_MAX = 8;

type NotifyState = NotificationPermission | "unsupported";
const notifyState = (): NotifyState => "Notification" in globalThis ? Notification.permission : "unsupported";

/** The technician console as a model; the LiveKit room and the SSE stream are released in `signOut`. */
export function createConsoleModel() {
  const auth = signal<AuthState>("checking");
  const authMessage = signal<"console.signin.failed" | "console.signin.expired" | "error.network" | null>(null);
  const me = signal<Me | null>(null);
  const sessions = signal<SessionView[]>([]);
  /** The technician has older sessions than the list shows (`SESSION_LIST_LIMIT`). */
  const olderSessions = signal(false);
  const online = signal(false);
  const selectedId = signal<string | null>(null);
  const tab = signal<"sessions" | "active">("sessions");
  const active = signal<ActiveSession | null>(null);
  const videoTrack = signal<VideoSink | null>(null);
  const micMuted = signal(false);
  const micLevel = signal(0);
  /** Chat of the active session (a fresh one per session). */
  const chat = signal<Chat | null>(null);
  /** The technician has put the customer's video on hold. */
  const held = signal(false);
  /** What the customer's camera can do (reported by their app); controls exist only for these. */
  const customerCaps = signal<
    { torch: boolean; zoom: { min: number; max: number; step: number; value: number } | null }
  >(
    { torch: false, zoom: null },
  );
  /** Drawing and stills of the active session (fresh per session). */
  const tools = signal<ConsoleTools | null>(null);
  const customerTorch = signal(false);
  /** Connection details overlay: null while hidden, else the latest figures (polled once a second). */
  const details = signal<VideoStats | null | "waiting">(null);
  let detailsTimer: ReturnType<typeof setInterval> | undefined;
  const volume = signal(100);
  const videoFit = signal<VideoFit>("fit");
  const videoZoom = signal(1);
  const notify = signal<NotifyState>(notifyState());
  const starting = signal(false);
  const startError = signal<"console.activeExists" | "error.generic" | "error.network" | null>(null);
  /** End could not reach the edge: the session still runs (for the customer too), so it stays open. */
  const endError = signal<"error.generic" | "error.network" | null>(null);
  const selected = computed(() => sessions.value.find((s) => s.id === selectedId.value) ?? null);
  let events: EventSource | null = null;
  let room: TechnicianRoom | null = null;
  // Status of each session in the last list, to notice sessions that just became Waiting;
  // null until the first list after sign-in, which announces nothing.
  let lastStatus: Map<string, SessionView["status"]> | null = null;

  function announceWaiting(list: SessionView[]) {
    const before = lastStatus;
    lastStatus = new Map(list.map((s) => [s.id, s.status]));
    if (!before || notify.value !== "granted") return;
    for (const s of list) {
      if (s.status !== "waiting" || before.get(s.id) === "waiting") continue;
      try {
        const n = new Notification(t("console.notify.waiting", { name: s.name }), {
          body: t("console.notify.waitingBody"),
          tag: `waiting-${s.id}`,
        });
        n.onclick = () => {
          globalThis.focus();
          selectedId.value = s.id;
          tab.value = "sessions";
        };
      } catch (err) {
        // Android Chrome allows notifications only through a service worker; the title count remains.
        console.warn("Notification failed", err);
      }
    }
  }

  /** The API as the signed-in technician: a 401 means the sign-in expired, so back to sign-in. */
  async function call<T>(path: string, options: Parameters<typeof api<T>>[1]): Promise<T> {
    try {
      return await api(path, options);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) expire();
      throw err;
    }
  }

  function expire() {
    if (auth.value !== "signedIn") return;
    authMessage.value = "console.signin.expired";
    teardown();
    auth.value = "signedOut";
  }

  function subscribe() {
    events?.close();
    events = new EventSource("/api/sessions/events");
    events.addEventListener("sessions", (e) => {
      const parsed = SessionListSchema.safeParse(JSON.parse((e as MessageEvent).data));
      if (!parsed.success) return;
      // A customer is waiting: fetch the LiveKit code now, so Start does not wait for it.
      if (parsed.data.sessions.some((s) => s.status === "waiting")) void import("./console_room.ts");
      // A reloaded console goes back into its active session (a technician has at most one).
      const resumable = !lastStatus && !active.value && parsed.data.sessions.find((s) => s.status === "active");
      if (resumable) void rejoin(resumable.id, resumable.name);
      batch(() => {
        online.value = true;
        announceWaiting(parsed.data.sessions);
        sessions.value = parsed.data.sessions;
        olderSessions.value = parsed.data.more;
        const a = active.value;
        const current = a && parsed.data.sessions.find((s) => s.id === a.id);
        if (a && current) {
          const back = current.customerPresent;
          active.value = { ...a, customerPresent: back, customerInterrupted: back ? false : a.customerInterrupted };
        }
      });
    });
    events.onopen = () => (online.value = true);
    events.onerror = () => {
      online.value = false;
      // EventSource retries by itself unless the server refused us; then find out why.
      if (events?.readyState === EventSource.CLOSED) void checkSession();
    };
  }

  async function checkSession() {
    try {
      me.value = await api("/api/me", { schema: MeSchema });
      auth.value = "signedIn";
      subscribe();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        if (auth.value === "signedIn") expire();
        else auth.value = "signedOut";
      } else {
        setTimeout(checkSession, 3000);
      }
    }
  }

  function teardown() {
    events?.close();
    events = null;
    lastStatus = null;
    void room?.disconnect();
    room = null;
    batch(() => {
      startError.value = null;
      me.value = null;
      sessions.value = [];
      olderSessions.value = false;
      active.value = null;
      videoTrack.value = null;
      online.value = false;
    });
  }

  /** Joins the session's room; `resume`: again, after a lost connection or a reload (keeps chat and drawing). */
  async function joinRoom(id: string, name: string, connection: { url: string; token: string }, resume = false) {
    const same = resume && active.value?.id === id;
    // Every line goes to the session's transcript too (kept under the retention setting).
    const sessionChat = same && chat.value ? chat.value : createChat((line) => {
      const body = { id: line.id, from: line.mine ? "technician" : "customer", text: line.text, at: line.at } as const;
      void call(`/api/sessions/${id}/chat`, { body, schema: anyJson }).catch(() => {});
    });
    const sessionTools = same && tools.value ? tools.value : createConsoleTools(
      (message) => room ? room.sendTool(message) : Promise.resolve(),
      (message) => room ? room.sendLarge(message) : Promise.resolve(),
    );
    if (!same) {
      tools.value?.dispose();
      active.value = {
        id,
        name,
        state: "connecting",
        customerPresent: true,
        customerInterrupted: false,
        customerStalled: false,
        cameraPaused: false,
        endedByCustomer: false,
        customerMuted: false,
        quality: { you: "unknown", customer: "unknown" },
      };
      batch(() => {
        tab.value = "active";
        endError.value = null;
        chat.value = sessionChat;
        tools.value = sessionTools;
        held.value = false;
        customerCaps.value = { torch: false, zoom: null };
        customerTorch.value = false;
        micMuted.value = false;
        videoFit.value = "fit";
        videoZoom.value = 1;
      });
    }
    const { joinTechnicianRoom } = await import("./console_room.ts");
    // "ended" is final: late room events (track unsubscribed, disconnect) must not revive the session.
    const update = (patch: Partial<ActiveSession>) => {
      const current = active.value;
      if (current?.id === id && current.state !== "ended") active.value = { ...current, ...patch };
    };
    const joined = await joinTechnicianRoom(connection, {
      onVideo: (track) => {
        videoTrack.value = track;
        if (track) update({ state: "live" });
      },
      onReconnecting: (r) => update({ state: r ? "reconnecting" : "live" }),
      onCustomerLeft: (how) => update({ customerPresent: false, customerInterrupted: how === "interrupted" }),
      onCustomerStalled: (stalled) => update({ customerStalled: stalled }),
      onCameraPaused: (paused) => update({ cameraPaused: paused }),
      onCustomerMuted: (muted) => update({ customerMuted: muted }),
      onQuality: (side, quality) => {
        const current = active.value;
        if (current) update({ quality: { ...current.quality, [side]: quality } });
      },
      onMicLevel: (level) => (micLevel.value = level),
      onTool: (message) => {
        // A customer who (re)joined asks for the state of the picture: hold is part of it.
        if (message.type === "sync" && held.value) void room?.sendTool({ type: "hold", on: true }).catch(() => {});
        if (sessionTools.handle(message)) return;
        if (message.type === "chat") sessionChat.receive(message);
        else if (message.type === "caps") customerCaps.value = { torch: message.torch, zoom: message.zoom };
      },
      onStillProgress: sessionTools.stillProgress,
      onStill: (id, image) => void sessionTools.stillArrived(id, image),
      onEnded: (roomDeleted) => {
        sessionChat.attach(null);
        clearInterval(detailsTimer);
        details.value = null;
        room = null;
        videoTrack.value = null;
        // The room also closes when this page's End deletes it.
        update({ state: "ended", endedByCustomer: roomDeleted && ending !== id });
      },
      onLost: () => {
        sessionChat.attach(null);
        room = null;
        videoTrack.value = null;
        void rejoin(id, name);
      },
    });
    // Ended (End clicked, or the room closed) while joining: nothing to keep.
    if (active.value?.id !== id || active.value.state === "ended") {
      await joined.disconnect();
      return;
    }
    // The room is ours before the microphone is published: the customer's caps can arrive meanwhile and
    // show the controls, whose first use must reach the customer.
    room = joined;
    sessionChat.attach(joined.sendTool);
    joined.setVolume(volume.value / 100);
    await joined.startMicrophone();
    if (micMuted.value) await joined.setMicMuted(true);
    // Connected again: "live" (the view says when the video is still on its way).
    if (resume) update({ state: "live" });
  }

  /** The session whose End request is in flight. */
  let ending: string | null = null;

  /** The session being joined again (after a lost connection or a reload); one at a time. */
  let rejoining: string | null = null;

  /**
   * Back into an active session whose media connection was lost (LiveKit restarted or left) or that
   * this page was reloaded into: Start again gives a fresh token for a session that is already active.
   * Retries while the edge or LiveKit is unreachable, showing "reconnecting" (End stays available);
   * stops when the session has ended.
   */
  async function rejoin(id: string, name: string) {
    if (rejoining === id) return;
    rejoining = id;
    const stillWanted = () =>
      auth.value === "signedIn" && (!active.value || active.value.id === id) &&
      active.value?.state !== "ended";
    try {
      for (let attempt = 0; stillWanted(); attempt++) {
        if (active.value?.id === id) active.value = { ...active.value, state: "reconnecting" };
        try {
          const res = await call(`/api/sessions/${id}/start`, { body: {}, schema: StartResponseSchema });
          if (!stillWanted()) return;
          await joinRoom(id, name, res.livekit, true);
          return;
        } catch (err) {
          // 409: the session is no longer active (ended meanwhile); 401 signed out (handled by `call`).
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            const a = active.value;
            if (a?.id === id) active.value = { ...a, state: "ended" };
            return;
          }
          await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** attempt)));
        }
      }
    } finally {
      rejoining = null;
    }
  }

  return {
    auth,
    authMessage,
    me,
    sessions,
    olderSessions,
    online,
    selectedId,
    selected,
    tab,
    active,
    videoTrack,
    micMuted,
    micLevel,
    chat,
    tools,
    held,
    details,
    customerCaps,
    customerTorch,

    async switchCustomerCamera() {
      await room?.sendTool({ type: "camera", action: "switch" });
    },

    /** Sets the customer's camera zoom (offered only when their camera reported a zoom range). */
    async setCustomerZoom(value: number) {
      const caps = customerCaps.value;
      if (!caps.zoom) return;
      customerCaps.value = { ...caps, zoom: { ...caps.zoom, value } };
      await room?.sendTool({ type: "zoom", value });
    },

    async toggleCustomerTorch() {
      const next = !customerTorch.value;
      await room?.sendTool({ type: "camera", action: next ? "torch-on" : "torch-off" });
      customerTorch.value = next;
    },

    toggleDetails() {
      clearInterval(detailsTimer);
      if (details.value !== null) {
        details.value = null;
        return;
      }
      details.value = "waiting";
      const poll = async () => {
        const stats = await room?.videoStats().catch(() => null);
        if (details.value !== null) details.value = stats ?? "waiting";
      };
      void poll();
      detailsTimer = setInterval(poll, 1000);
    },

    /** The chat transcript of one of the technician's sessions. */
    transcript: (id: string) => call(`/api/sessions/${id}/transcript`, { schema: TranscriptSchema }),

    /** Audit that a screenshot was taken (the image itself never leaves the browser). */
    async recordScreenshot() {
      const a = active.value;
      if (a) await call(`/api/sessions/${a.id}/screenshot`, { body: {}, schema: anyJson }).catch(() => {});
    },
    volume,
    videoFit,
    videoZoom,
    notify,
    starting,
    startError,
    endError,
    init: checkSession,

    async signIn(email: string, password: string) {
      authMessage.value = null;
      try {
        await api("/api/auth/login", { body: { email, password }, schema: anyJson });
        await checkSession();
      } catch (err) {
        authMessage.value = err instanceof ApiError && err.status === 0 ? "error.network" : "console.signin.failed";
      }
    },

    async signOut() {
      await api("/api/auth/logout", { body: {}, schema: anyJson }).catch(() => {});
      teardown();
      auth.value = "signedOut";
    },

    createSession(body: CreateSessionBody): Promise<CreateSessionResponse> {
      return call("/api/sessions", { body, schema: CreateSessionResponseSchema });
    },

    async start(id: string) {
      const session = sessions.value.find((s) => s.id === id);
      if (!session) return;
      batch(() => {
        starting.value = true;
        startError.value = null;
      });
      try {
        const res = await call(`/api/sessions/${id}/start`, { body: {}, schema: StartResponseSchema });
        await joinRoom(id, session.name, res.livekit);
      } catch (err) {
        startError.value = err instanceof ApiError && err.code === "active_session_exists"
          ? "console.activeExists"
          : err instanceof ApiError && err.status === 0
          ? "error.network"
          : "error.generic";
      } finally {
        starting.value = false;
      }
    },

    async end() {
      const a = active.value;
      if (!a) return;
      endError.value = null;
      ending = a.id;
      try {
        await call(`/api/sessions/${a.id}/end`, { body: {}, schema: anyJson });
      } catch (err) {
        // Edge unreachable or failing: nothing has ended, so keep the session and let End be tried again.
        // (A 4xx means it ended already or is not ours: end it here.)
        if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) {
          endError.value = err instanceof ApiError && err.status === 0 ? "error.network" : "error.generic";
          return;
        }
      } finally {
        ending = null;
      }
      const current = active.value;
      if (current?.id === a.id) active.value = { ...current, state: "ended" };
      await room?.disconnect();
      room = null;
      videoTrack.value = null;
    },

    /** Hold: the customer's camera goes off (their app stops it) until Resume. */
    async toggleHold() {
      if (!room) return;
      const next = !held.value;
      await room.sendTool({ type: "hold", on: next });
      held.value = next;
    },

    async toggleMic() {
      micMuted.value = !micMuted.value;
      await room?.setMicMuted(micMuted.value);
    },

    closeActive() {
      batch(() => {
        active.value = null;
        tab.value = "sessions";
        startError.value = null;
      });
    },

    showActive() {
      batch(() => {
        tab.value = "active";
        startError.value = null;
      });
    },

    setVolume(percent: number) {
      volume.value = Math.min(100, Math.max(0, Math.round(percent)));
      room?.setVolume(volume.value / 100);
    },

    fit() {
      batch(() => {
        videoFit.value = "fit";
        videoZoom.value = 1;
      });
    },

    actualSize() {
      batch(() => {
        videoFit.value = "actual";
        videoZoom.value = 1;
      });
    },

    zoomIn: () => (videoZoom.value = Math.min(ZOOM_MAX, videoZoom.value * ZOOM_STEP)),
    zoomOut: () => (videoZoom.value = Math.max(ZOOM_MIN, videoZoom.value / ZOOM_STEP)),
    canZoomIn: computed(() => videoZoom.value < ZOOM_MAX),
    canZoomOut: computed(() => videoZoom.value > ZOOM_MIN),

    /** Asks the browser for notification permission (from a click: browsers refuse it otherwise). */
    async enableNotifications() {
      if (!("Notification" in globalThis)) return;
      notify.value = await Notification.requestPermission();
    },
  };
}

export type ConsoleModel = ReturnType<typeof createConsoleModel>;
