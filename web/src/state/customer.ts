import { batch, signal } from "@preact/signals";
import { AcceptResponseSchema, type JoinInfo, JoinInfoSchema, PinSchema } from "../../../shared/customer_schemas.ts";
import { anyJson, api, ApiError } from "../lib/api.ts";
import { browserProblem } from "../lib/browser.ts";
import type { CustomerRoom } from "./customer_room.ts";

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

/** The customer app as a model: signals to read, actions to call; the LiveKit room lives inside. */
export function createCustomerModel() {
  const screen = signal<Screen>({ name: "checking" });
  const info = signal<JoinInfo | null>(null);
  const stream = signal<MediaStream | null>(null);
  const muted = signal(false);
  const reconnecting = signal(false);
  const errorKey = signal<string | null>(null);
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

  async function getCamera(): Promise<MediaStream> {
    return await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: { echoCancellation: true, noiseSuppression: true },
    });
  }

  function stopStream() {
    stream.value?.getTracks().forEach((t) => t.stop());
    stream.value = null;
  }

  function end(reason: EndedReason) {
    room = null;
    stopStream();
    batch(() => {
      reconnecting.value = false;
      screen.value = { name: "ended", reason };
    });
  }

  return {
    screen,
    info,
    stream,
    muted,
    reconnecting,
    errorKey,

    /** Entry: `/j/<pin>#k=<secret>` goes straight on; anything else shows the PIN form. */
    async start(location: Location) {
      const match = location.pathname.match(/^\/j\/(\d{6})\/?$/);
      const secret = new URLSearchParams(location.hash.slice(1)).get("k");
      if (!match) {
        screen.value = { name: "pin" };
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
        stream.value = await getCamera();
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
        sessionStorage.setItem("sightline.customerKey", res.customerKey);
        const { joinCustomerRoom } = await import("./customer_room.ts");
        room = await joinCustomerRoom(res.livekit, () => stream.value!, {
          onLive: () => (screen.value = { name: "live" }),
          onReconnecting: (value) => (reconnecting.value = value),
          onEnded: (byUs) => {
            if (screen.value.name !== "ended") end(byUs ? "customer" : "technician");
          },
        });
        if (screen.value.name === "eula") screen.value = { name: "waiting" };
        customerKey = res.customerKey;
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
      room?.setMuted(muted.value);
    },

    async switchCamera() {
      facing = facing === "environment" ? "user" : "environment";
      const next = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facing } } });
      const [video] = next.getVideoTracks();
      const old = stream.value;
      old?.getVideoTracks().forEach((t) => t.stop());
      const combined = new MediaStream([video, ...(old?.getAudioTracks() ?? [])]);
      await room?.replaceVideo(video);
      stream.value = combined;
    },

    async endSession() {
      const key = customerKey ?? sessionStorage.getItem("sightline.customerKey");
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
