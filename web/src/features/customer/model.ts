/**
 * The customer app as one model for the screens: the flow (which screen), the way in (link or PIN,
 * EULA), the camera and the running session, each its own small model. Everything it touches outside
 * itself comes in as `CustomerDeps`.
 */
import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { Api } from "../../lib/api.ts";
import type { BrowserProblem } from "../../lib/browser.ts";
import { createCamera, type MediaAccess, type PageVisibility } from "./camera.ts";
import { type EndedReason, type Flow, type FlowEvent, initialFlow, next, type PermissionProblem } from "./flow.ts";
import { createJoining } from "./joining.ts";
import { createSavedSession, type KeyValueStorage } from "./saved_session.ts";
import type { CustomerSession, SessionDeps } from "./session.ts";

export interface CustomerDeps {
  api: Api;
  media: MediaAccess;
  page: PageVisibility;
  storage: KeyValueStorage;
  /** What outlasts the tab (`localStorage`): the camera switched to last. */
  prefs: Pick<Storage, "getItem" | "setItem">;
  /** Whether the phone has a network now, and where its `online`/`offline` events arrive. */
  network: { onLine: boolean; events: Pick<EventTarget, "addEventListener" | "removeEventListener"> };
  browserProblem(): BrowserProblem;
  /** The running session's code, with the room's (`livekit-client`): loaded at Accept or to rejoin. */
  loadSession(): Promise<{ createCustomerSession(deps: SessionDeps): CustomerSession }>;
  wait(ms: number): Promise<void>;
}

export function createCustomerModel(deps: CustomerDeps) {
  const flow = signal<Flow>(initialFlow);
  /** Moves the flow on, and tells the technician's list the steps they wait for. */
  const dispatch = (event: FlowEvent) => {
    const from = flow.value.screen.name;
    flow.value = next(flow.value, event);
    const to = flow.value.screen.name;
    if (to === "tutorial" && from !== to) joining.report("tutorial");
    if (event.type === "camera-failed" && event.problem === "denied") joining.report("camera-denied");
    if (to === "eula" && from === "permission") {
      joining.report("camera-allowed");
      joining.report("eula-shown");
    }
  };
  const session = signal<CustomerSession | null>(null);
  const camera = createCamera({
    media: deps.media,
    page: deps.page,
    prefs: deps.prefs,
    held: () => flow.value.onHold,
    changed: () => session.value?.sendCaps(),
  });
  const saved = createSavedSession(deps.storage);
  let loading: Promise<CustomerSession> | null = null;
  const sessionDeps = { api: deps.api, camera, page: deps.page, saved, flow, dispatch, ended, wait: deps.wait };
  const runningSession = () =>
    loading ??= deps.loadSession().then((code) => session.value = code.createCustomerSession(sessionDeps))
      .catch((err) => {
        loading = null;
        throw err;
      });

  /** The session ended on this page: the end screen, and a reload remembers why. */
  function ended(reason: EndedReason) {
    saved.ended({ pin: joining.pin(), reason });
    camera.stop();
    dispatch({ type: "ended", reason });
  }
  const finish = (reason: EndedReason) => session.value ? session.value.finish(reason) : ended(reason);
  const joining = createJoining({ ...deps, dispatch, saved, session: runningSession, finish, permissionProblem });

  // The phone says it has no network at all: told at once, before LiveKit notices the silence.
  const offline = signal(deps.network.onLine === false);
  const onNetwork = (e: Event) => (offline.value = e.type === "offline");
  ["offline", "online"].forEach((type) => deps.network.events.addEventListener(type, onNetwork));

  return {
    screen: computed(() => flow.value.screen),
    reconnecting: computed(() => flow.value.reconnecting),
    onHold: computed(() => flow.value.onHold),
    /** Joining goes through the relay because the network blocks the direct way. */
    relaying: computed(() => flow.value.relaying),
    offline: offline as ReadonlySignal<boolean>,
    info: joining.info,
    camera,
    /** The running session, once Accept (or a reload) loaded it. */
    session: session as ReadonlySignal<CustomerSession | null>,
    start: joining.start,
    submitPin: joining.submitPin,
    nextTutorialStep: () => dispatch({ type: "tutorial-next" }),
    skipTutorial: () => dispatch({ type: "tutorial-skip" }),
    async requestCamera() {
      dispatch({ type: "camera-asked" });
      try {
        await camera.open();
        dispatch({ type: "camera-granted" });
      } catch (err) {
        dispatch({ type: "camera-failed", problem: permissionProblem(err) });
      }
    },
    accept: joining.accept,
    decline: joining.decline,
    dispose() {
      ["offline", "online"].forEach((type) => deps.network.events.removeEventListener(type, onNetwork));
      void session.value?.dispose();
    },
  };
}
export type CustomerModel = ReturnType<typeof createCustomerModel>;

function permissionProblem(err: unknown): PermissionProblem {
  const name = err instanceof DOMException ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noCamera";
  if (name === "NotReadableError" || name === "AbortError") return "inUse";
  return "error";
}
