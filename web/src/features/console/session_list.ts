/**
 * The technician's session list, kept live over Server-Sent Events (`sessionEvents`), with the selected
 * session and, when a customer starts waiting, a visual alert, a short sound (unless turned off; the
 * choice is remembered) and a desktop notification (once allowed).
 */
import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import type { SessionView } from "../../../../shared/schemas.ts";
import { sessionEvents } from "../../../../shared/api.ts";

export type NotifyState = NotificationPermission | "unsupported";

/** Desktop notifications as the list needs them (tests pass a fake). */
export interface Notifications {
  permission(): NotifyState;
  request(): Promise<NotificationPermission>;
  /** Shows a notification; `onClick` when the technician clicks it. Throws where the browser refuses. */
  show(title: string, options: NotificationOptions, onClick: () => void): void;
}

/** The part of `EventSource` the list uses. */
export interface EventStream {
  readonly readyState: number;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
  addEventListener(type: "sessions", listener: (e: MessageEvent) => void): void;
  close(): void;
}

export interface SessionListDeps {
  /** Opens the event stream at `url` (`new EventSource(url)` in a browser). */
  connect(url: string): EventStream;
  notifications: Notifications;
  /** A notification's title and body for a customer who started waiting. */
  waitingNotice(session: SessionView): { title: string; body: string };
  /** A new list arrived (`first`: the first since signing in). */
  onList(sessions: SessionView[], first: boolean): void;
  /** The edge closed the stream for good (signed out, or the edge refused): ask why. */
  onClosed(): void;
  /** A notification was clicked: show the list with that session. */
  onNotificationClick(id: string): void;
  /** Plays the short waiting sound (WebAudio in a browser). */
  chime(): void;
  /** Where the sound choice outlasts the page (`localStorage`). */
  prefs: Pick<Storage, "getItem" | "setItem">;
}

const SOUND_PREF = "sightline.waitingSound";

export function createSessionList(deps: SessionListDeps) {
  const sessions = signal<SessionView[]>([]);
  /** The technician has older sessions than the list shows (`SESSION_LIST_LIMIT`). */
  const older = signal(false);
  const online = signal(false);
  const selectedId = signal<string | null>(null);
  const notify = signal<NotifyState>(deps.notifications.permission());
  const sound = signal(deps.prefs.getItem(SOUND_PREF) !== "off");
  /** Sessions whose customer started waiting since the technician last looked (the visual alert). */
  const alerts = signal<string[]>([]);
  let events: EventStream | null = null;
  // Status of each session in the last list, to notice sessions that just became Waiting;
  // null until the first list after sign-in, which announces nothing.
  let lastStatus: Map<string, SessionView["status"]> | null = null;

  function announceWaiting(list: SessionView[]) {
    const before = lastStatus;
    lastStatus = new Map(list.map((s) => [s.id, s.status]));
    const stillWaiting = alerts.value.filter((id) => list.some((s) => s.id === id && s.status === "waiting"));
    const started = before ? list.filter((s) => s.status === "waiting" && before.get(s.id) !== "waiting") : [];
    alerts.value = [...stillWaiting, ...started.map((s) => s.id).filter((id) => !stillWaiting.includes(id))];
    if (started.length && sound.value) deps.chime();
    if (notify.value !== "granted") return;
    for (const s of started) {
      const { title, body } = deps.waitingNotice(s);
      try {
        deps.notifications.show(title, { body, tag: `waiting-${s.id}` }, () => deps.onNotificationClick(s.id));
      } catch (err) {
        // Android Chrome allows notifications only through a service worker; the title count remains.
        console.warn("Notification failed", err);
      }
    }
  }

  function receive(e: MessageEvent) {
    const parsed = sessionEvents.response.safeParse(JSON.parse(e.data));
    if (!parsed.success) return;
    const first = !lastStatus;
    batch(() => {
      online.value = true;
      announceWaiting(parsed.data.sessions);
      sessions.value = parsed.data.sessions;
      older.value = parsed.data.more;
      deps.onList(parsed.data.sessions, first);
    });
  }

  /** Selecting a session also means the technician has seen that its customer waits. */
  function select(id: string | null) {
    batch(() => {
      selectedId.value = id;
      alerts.value = alerts.value.filter((a) => a !== id);
    });
  }

  return {
    sessions: sessions as ReadonlySignal<SessionView[]>,
    older: older as ReadonlySignal<boolean>,
    /** Live updates arrive (the stream is open). */
    online: online as ReadonlySignal<boolean>,
    selectedId: selectedId as ReadonlySignal<string | null>,
    selected: computed(() => sessions.value.find((s) => s.id === selectedId.value) ?? null),
    waitingCount: computed(() => sessions.value.filter((s) => s.status === "waiting").length),
    /** Customers who started waiting and whom the technician has not looked at yet. */
    alerts: computed(() => sessions.value.filter((s) => alerts.value.includes(s.id))),
    /** Whether a customer who starts waiting makes a sound. */
    sound: sound as ReadonlySignal<boolean>,
    setSound(on: boolean) {
      sound.value = on;
      deps.prefs.setItem(SOUND_PREF, on ? "on" : "off");
    },
    notify: notify as ReadonlySignal<NotifyState>,
    open() {
      events?.close();
      events = deps.connect(sessionEvents.path);
      events.addEventListener("sessions", receive);
      events.onopen = () => (online.value = true);
      events.onerror = () => {
        online.value = false;
        // EventSource retries by itself unless the server refused us; then find out why.
        if (events?.readyState === 2 /* CLOSED */) deps.onClosed();
      };
    },
    close() {
      events?.close();
      events = null;
      lastStatus = null;
      batch(() => {
        alerts.value = [];
        sessions.value = [];
        older.value = false;
        online.value = false;
      });
    },
    select,
    /** Moves the selection `delta` places up or down the list (arrow keys). */
    move(delta: number) {
      const list = sessions.value;
      if (!list.length) return;
      const i = list.findIndex((s) => s.id === selectedId.value);
      const to = Math.min(list.length - 1, Math.max(0, i + delta));
      select(list[i === -1 ? 0 : to].id);
    },
    /** Asks the browser for notification permission (from a click: browsers refuse it otherwise). */
    async enableNotifications() {
      if (deps.notifications.permission() === "unsupported") return;
      notify.value = await deps.notifications.request();
    },
  };
}
export type SessionList = ReturnType<typeof createSessionList>;
