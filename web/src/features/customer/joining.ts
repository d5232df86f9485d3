/**
 * The customer's way into a session: the link or a typed PIN, looking it up, the license agreement
 * (Accept joins, Decline ends), and back in after a reload with the saved customer key.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { ERROR_CODES } from "../../../../shared/constants.ts";
import {
  type AcceptBody,
  type JoinInfo,
  type LinkGone,
  type LinkProgressEvent,
  PinSchema,
} from "../../../../shared/customer_schemas.ts";
import {
  declineEula,
  endSessionAsCustomer,
  LINK_SECRET_HEADER,
  lookUpPin,
  parseCustomerLink,
  rejoinSession,
  reportLinkProgress,
} from "../../../../shared/customer_api.ts";
import { type Api, ApiError, isNetworkError } from "../../lib/api.ts";
import type { BrowserProblem } from "../../lib/browser.ts";
import type { EndedReason, FlowEvent, JoinProblem, PermissionProblem, PinProblem } from "./flow.ts";
import type { SavedSession, SavedSessionStore } from "./saved_session.ts";
import type { CustomerSession } from "./session.ts";

export interface JoiningDeps {
  api: Api;
  dispatch(event: FlowEvent): void;
  browserProblem(): BrowserProblem;
  saved: SavedSessionStore;
  /** The running session (its code loads on first use). */
  session(): Promise<CustomerSession>;
  /** Ends the session on this page. */
  finish(reason: EndedReason): void;
  /** Turns a failure to open the camera into what the permission screen says. */
  permissionProblem(err: unknown): PermissionProblem;
}

export function createJoining(deps: JoiningDeps) {
  const { api, dispatch } = deps;
  const info = signal<JoinInfo | null>(null);
  let pin = "";
  let linkSecret: string | undefined;
  // Progress goes out in order, one report after the other, and stops once the PIN is claimed.
  let reports = Promise.resolve();
  let claimed = false;

  /** Tells the technician's list how far the customer got; nothing depends on it arriving. */
  function report(event: LinkProgressEvent) {
    if (claimed || !pin) return;
    const body = linkSecret ? { event, linkSecret } : { event };
    reports = reports.then(() => api(reportLinkProgress, { params: { pin }, body })).then(() => {}, () => {});
  }

  async function lookUp(candidate: string) {
    try {
      const headers: Record<string, string> = linkSecret ? { [LINK_SECRET_HEADER]: linkSecret } : {};
      info.value = await api(lookUpPin, { params: { pin: candidate }, headers });
      pin = candidate;
      report("link-opened");
      dispatch({ type: "looked-up", browser: deps.browserProblem() });
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      // Only the link's own secret gets the reason (and the company) with the refusal.
      const gone = (e?.details as LinkGone | undefined)?.reason ? e!.details as LinkGone : undefined;
      dispatch({
        type: "lookup-failed",
        problem: pinProblem(err),
        retryAfterSeconds: e?.retryAfterSeconds ?? undefined,
        gone,
      });
    }
  }

  /** After a reload: back into the saved session, if it still runs; false to start over. */
  async function resume(stored: SavedSession): Promise<boolean> {
    try {
      const res = await api(rejoinSession, { bearer: stored.customerKey });
      claimed = true;
      pin = stored.pin;
      info.value = stored.info;
      await (await deps.session()).resume(stored.customerKey, res.livekit);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : null;
      if (code === ERROR_CODES.unauthenticated || code === ERROR_CODES.sessionEnded) {
        deps.saved.forget();
        if (code === ERROR_CODES.unauthenticated) return false;
        deps.finish("other");
        return true;
      }
      // The camera could not restart without a prompt, or the network failed: start over cleanly.
      dispatch({ type: "camera-failed", problem: deps.permissionProblem(err) });
    }
    return true;
  }

  async function rejoin(customerKey: string) {
    const res = await api(rejoinSession, { bearer: customerKey });
    await (await deps.session()).resume(customerKey, res.livekit);
  }

  return {
    /** The session's company, technician, EULA and store links, once the PIN is known. */
    info: info as ReadonlySignal<JoinInfo | null>,
    pin: () => pin,
    report,
    /** Entry: a saved session rejoins; a customer link (`customerLink()`) goes straight on; else the PIN form. */
    async start(location: { pathname: string; hash: string }) {
      const stored = deps.saved.load();
      if (stored && (await resume(stored))) return;
      const link = parseCustomerLink(location);
      if (!link) return dispatch({ type: "no-link" });
      const endedHere = deps.saved.endedReason(link.pin);
      if (endedHere) return dispatch({ type: "ended", reason: endedHere });
      linkSecret = link.linkSecret;
      await lookUp(link.pin);
    },
    async submitPin(raw: string) {
      const candidate = raw.replace(/\D/g, "");
      const valid = PinSchema.safeParse(candidate).success;
      dispatch({ type: "pin-typed", valid });
      if (valid) await lookUp(candidate);
    },
    /** The customer accepts the agreement on screen: its version in the language they read it in. */
    async accept(agreed: Pick<AcceptBody, "eulaVersion" | "eulaLanguage">) {
      const current = info.value;
      if (!current) return;
      dispatch({ type: "accept-sent" });
      await reports;
      claimed = true;
      const stored = deps.saved.load();
      try {
        // Accepted before, but the join failed: the PIN is used up, the saved key gets back in.
        if (stored?.pin === pin) return await rejoin(stored.customerKey);
        await (await deps.session()).accept(pin, { ...agreed, ...(linkSecret ? { linkSecret } : {}) }, current);
      } catch (err) {
        if (err instanceof ApiError && err.code === ERROR_CODES.sessionEnded) return deps.finish("other");
        dispatch({ type: "accept-failed", problem: joinProblem(err) });
      }
    },
    async decline() {
      const stored = deps.saved.load();
      // Ending here is what matters to the customer, whether or not the edge heard it. Accepted before
      // (a join that failed), the PIN is used up: the saved key ends the session instead.
      const told = stored?.pin === pin
        ? api(endSessionAsCustomer, { bearer: stored.customerKey })
        : api(declineEula, { params: { pin }, body: linkSecret ? { linkSecret } : {} });
      await told.catch(() => {});
      deps.finish("declined");
    },
  };
}

function pinProblem(err: unknown): PinProblem {
  if (isNetworkError(err)) return "network";
  const code = err instanceof ApiError ? err.code : null;
  if (code === ERROR_CODES.pinNotFound || code === ERROR_CODES.linkSecretMismatch) return "notFound";
  return code === ERROR_CODES.rateLimited ? "throttled" : "generic";
}

/** Why Accept did not get the customer into the room (a failed join says why: `JoinFailure.trouble`). */
function joinProblem(err: unknown): JoinProblem {
  if (isNetworkError(err)) return "network";
  if (err instanceof ApiError) return err.code === ERROR_CODES.pinNotFound ? "notFound" : "generic";
  const trouble = (err as { trouble?: string } | null)?.trouble;
  return trouble === "blocked" || trouble === "unreachable" ? trouble : "generic";
}
