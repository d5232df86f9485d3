/**
 * Fakes of what the web models touch outside themselves — the edge, camera and microphone, storage, the
 * page — for unit tests without a browser. Each records what was done to it.
 */
import type { Route } from "../../../shared/customer_api.ts";
import { type Api, ApiError, type CallOptions, NETWORK_ERROR } from "../lib/api.ts";

/** A refusal as the edge sends it. */
export const refusal = (status: number, code: string, retryAfterSeconds: number | null = null) =>
  new ApiError(status, code, code, retryAfterSeconds);
export const networkDown = () => new ApiError(0, NETWORK_ERROR, "Network request failed");

type Answer = unknown | Error | ((options: CallOptions<Route>) => unknown);

/** The edge: answers per route (a value, an error to throw, or a function of the call), every call kept. */
export function fakeApi(answers: Map<Route, Answer | Answer[]> = new Map()) {
  const calls: { route: Route; options: CallOptions<Route> }[] = [];
  const api: Api = (route, options = {}) => {
    calls.push({ route, options: options as CallOptions<Route> });
    const queued = answers.get(route);
    // A list answers call by call; its last answer stays.
    const answer = Array.isArray(queued) ? (queued.length > 1 ? queued.shift() : queued[0]) : queued;
    if (answer === undefined) return Promise.reject(new Error(`no answer for ${route.method} ${route.path}`));
    try {
      const value = typeof answer === "function" ? answer(options as CallOptions<Route>) : answer;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value as never);
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return {
    api,
    calls,
    answer(route: Route, answer: Answer | Answer[]) {
      answers.set(route, answer);
    },
    callsOf: (route: Route) => calls.filter((c) => c.route === route).map((c) => c.options),
  };
}

/** A camera or microphone track. */
export class FakeTrack extends EventTarget {
  enabled = true;
  readyState: MediaStreamTrackState = "live";
  constraints: MediaTrackConstraints[] = [];
  settings: Record<string, unknown> = {};
  constructor(readonly kind: "video" | "audio", readonly caps: Record<string, unknown> = {}) {
    super();
  }
  getCapabilities = () => this.caps;
  getSettings = () => this.settings;
  applyConstraints(c: MediaTrackConstraints) {
    this.constraints.push(c);
    const zoom = (c.advanced?.[0] as { zoom?: number } | undefined)?.zoom;
    if (zoom !== undefined) this.settings.zoom = zoom;
    return Promise.resolve();
  }
  stop() {
    this.readyState = "ended";
  }
  /** The browser ended the track (another app took the camera). */
  end() {
    this.readyState = "ended";
    this.dispatchEvent(new Event("ended"));
  }
}

export class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks = () => this.tracks as unknown as MediaStreamTrack[];
  getVideoTracks = () => this.tracks.filter((t) => t.kind === "video") as unknown as MediaStreamTrack[];
  getAudioTracks = () => this.tracks.filter((t) => t.kind === "audio") as unknown as MediaStreamTrack[];
}

/**
 * Camera and microphone: `fail` makes the next request fail with that DOMException name; `devices` is
 * what `enumerateDevices` lists. A camera asked for by id gets that id, otherwise "rear" or "front".
 */
export function fakeMedia(videoCaps: Record<string, unknown> = {}) {
  const requests: MediaStreamConstraints[] = [];
  const state = {
    requests,
    fail: null as string | null,
    devices: [] as { deviceId: string; kind: string; label: string }[],
    enumerateDevices: () => Promise.resolve(state.devices),
    getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
      requests.push(constraints);
      if (state.fail) return Promise.reject(new DOMException("refused", state.fail));
      const video = new FakeTrack("video", videoCaps);
      const asked = constraints.video as { deviceId?: { exact: string }; facingMode?: { ideal: string } };
      video.settings.deviceId = asked.deviceId?.exact ?? (asked.facingMode?.ideal === "user" ? "front" : "rear");
      const tracks = [video];
      if (constraints.audio) tracks.push(new FakeTrack("audio"));
      return Promise.resolve(new FakeStream(tracks) as unknown as MediaStream);
    },
    stream: (tracks: MediaStreamTrack[]) => new FakeStream(tracks as unknown as FakeTrack[]) as unknown as MediaStream,
  };
  return state;
}

/** `sessionStorage`. */
export function fakeStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** The page: its visibility, and its `visibilitychange` events. */
export class FakePage extends EventTarget {
  visibilityState: DocumentVisibilityState = "visible";
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

/** Lets every pending promise callback run. */
export const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
};
