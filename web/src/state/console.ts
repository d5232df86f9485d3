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
} from "../../../shared/schemas.ts";
import { anyJson, api, ApiError } from "../lib/api.ts";
import type { TechnicianRoom, VideoSink } from "./console_room.ts";

export type AuthState = "checking" | "signedOut" | "signedIn";
export type LiveState = "connecting" | "live" | "reconnecting" | "ended";

export interface ActiveSession {
  id: string;
  name: string;
  state: LiveState;
  customerPresent: boolean;
  cameraPaused: boolean;
  endedByCustomer: boolean;
}

/** The technician console as a model; the LiveKit room and the SSE stream are released in `signOut`. */
export function createConsoleModel() {
  const auth = signal<AuthState>("checking");
  const authMessage = signal<"console.signin.failed" | "console.signin.expired" | "error.network" | null>(null);
  const me = signal<Me | null>(null);
  const sessions = signal<SessionView[]>([]);
  const online = signal(false);
  const selectedId = signal<string | null>(null);
  const tab = signal<"sessions" | "active">("sessions");
  const active = signal<ActiveSession | null>(null);
  const videoTrack = signal<VideoSink | null>(null);
  const micMuted = signal(false);
  const starting = signal(false);
  const startError = signal<"console.activeExists" | "error.generic" | "error.network" | null>(null);
  const selected = computed(() => sessions.value.find((s) => s.id === selectedId.value) ?? null);
  let events: EventSource | null = null;
  let room: TechnicianRoom | null = null;

  function subscribe() {
    events?.close();
    events = new EventSource("/api/sessions/events");
    events.addEventListener("sessions", (e) => {
      const parsed = SessionListSchema.safeParse(JSON.parse((e as MessageEvent).data));
      if (!parsed.success) return;
      batch(() => {
        online.value = true;
        sessions.value = parsed.data.sessions;
        const a = active.value;
        const current = a && parsed.data.sessions.find((s) => s.id === a.id);
        if (a && current) active.value = { ...a, customerPresent: current.customerPresent };
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
        if (auth.value === "signedIn") authMessage.value = "console.signin.expired";
        teardown();
        auth.value = "signedOut";
      } else {
        setTimeout(checkSession, 3000);
      }
    }
  }

  function teardown() {
    events?.close();
    events = null;
    void room?.disconnect();
    room = null;
    batch(() => {
      me.value = null;
      sessions.value = [];
      active.value = null;
      videoTrack.value = null;
      online.value = false;
    });
  }

  async function joinRoom(id: string, name: string, connection: { url: string; token: string }) {
    active.value = {
      id,
      name,
      state: "connecting",
      customerPresent: true,
      cameraPaused: false,
      endedByCustomer: false,
    };
    tab.value = "active";
    const { joinTechnicianRoom } = await import("./console_room.ts");
    // "ended" is final: late room events (track unsubscribed, disconnect) must not revive the session.
    const update = (patch: Partial<ActiveSession>) => {
      const current = active.value;
      if (current?.id === id && current.state !== "ended") active.value = { ...current, ...patch };
    };
    room = await joinTechnicianRoom(connection, {
      onVideo: (track) => {
        videoTrack.value = track;
        if (track) update({ state: "live" });
      },
      onReconnecting: (r) => update({ state: r ? "reconnecting" : "live" }),
      onCustomerLeft: () => update({ customerPresent: false }),
      onCameraPaused: (paused) => update({ cameraPaused: paused }),
      onEnded: (roomDeleted) => {
        room = null;
        videoTrack.value = null;
        update({ state: "ended", endedByCustomer: roomDeleted });
      },
    });
  }

  return {
    auth,
    authMessage,
    me,
    sessions,
    online,
    selectedId,
    selected,
    tab,
    active,
    videoTrack,
    micMuted,
    starting,
    startError,
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
      return api("/api/sessions", { body, schema: CreateSessionResponseSchema });
    },

    async start(id: string) {
      const session = sessions.value.find((s) => s.id === id);
      if (!session) return;
      batch(() => {
        starting.value = true;
        startError.value = null;
      });
      try {
        const res = await api(`/api/sessions/${id}/start`, { body: {}, schema: StartResponseSchema });
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
      active.value = { ...a, state: "ended" };
      await api(`/api/sessions/${a.id}/end`, { body: {}, schema: anyJson }).catch(() => {});
      await room?.disconnect();
      room = null;
      videoTrack.value = null;
    },

    async toggleMic() {
      micMuted.value = !micMuted.value;
      await room?.setMicMuted(micMuted.value);
    },

    closeActive() {
      batch(() => {
        active.value = null;
        tab.value = "sessions";
      });
    },
  };
}

export type ConsoleModel = ReturnType<typeof createConsoleModel>;
