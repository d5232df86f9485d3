/**
 * The technician's sign-in: who is signed in, signing in and out, and noticing an expired sign-in on
 * any call (`call`: a 401 takes the console back to the sign-in form with a message). The console asks
 * the edge who is signed in only while the edge's sign-in hint cookie is there (`SIGNED_IN_HINT_COOKIE`),
 * so a console nobody is signed in to shows the form without a refused request; a stale hint gets the 401
 * and the edge clears it.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { ERROR_CODES } from "../../../../shared/constants.ts";
import type { Me } from "../../../../shared/schemas.ts";
import { login, logout, me as meRoute, SIGNED_IN_HINT_COOKIE } from "../../../../shared/api.ts";
import { type Api, ApiError, isNetworkError } from "../../lib/api.ts";

export type AuthState = "checking" | "signedOut" | "signedIn";
export type AuthMessage = "console.signin.failed" | "console.signin.expired" | "error.network";

export interface SignInDeps {
  api: Api;
  /** Signed in (again): start listening for the session list. */
  onSignedIn(): void;
  /** Signed out or expired: drop everything of the technician's. */
  onSignedOut(): void;
  /** Resolves after `ms` (the pause before asking again whether the sign-in still holds). */
  wait(ms: number): Promise<void>;
  /** Whether the edge's sign-in hint is set (`hasSignInHint(document.cookie)` in a browser). */
  signedInHint(): boolean;
}

/** Whether `cookies` (`document.cookie`) holds the edge's sign-in hint, by either of its names. */
export const hasSignInHint = (cookies: string): boolean =>
  cookies.split(";").some((c) =>
    [SIGNED_IN_HINT_COOKIE, `__Host-${SIGNED_IN_HINT_COOKIE}`].includes(c.trim().split("=")[0])
  );

export function createSignIn(deps: SignInDeps) {
  const auth = signal<AuthState>("checking");
  const message = signal<AuthMessage | null>(null);
  const me = signal<Me | null>(null);
  const unauthenticated = (err: unknown) => err instanceof ApiError && err.code === ERROR_CODES.unauthenticated;

  function signedOut() {
    deps.onSignedOut();
    me.value = null;
    auth.value = "signedOut";
  }

  function expire() {
    if (auth.value !== "signedIn") return;
    message.value = "console.signin.expired";
    signedOut();
  }

  /** Not signed in (any more): the form, with "expired" if the console was signed in. */
  function notSignedIn() {
    if (auth.value === "signedIn") expire();
    else auth.value = "signedOut";
  }

  /** Asks the edge who is signed in; retries while it cannot be reached. */
  async function ask(): Promise<void> {
    try {
      me.value = await deps.api(meRoute);
      auth.value = "signedIn";
      deps.onSignedIn();
    } catch (err) {
      if (!unauthenticated(err)) return void deps.wait(3000).then(check);
      notSignedIn();
    }
  }

  /** Who is signed in: asks the edge when the sign-in hint is there, else it is nobody. */
  const check = (): Promise<void> => deps.signedInHint() ? ask() : Promise.resolve(notSignedIn());

  return {
    auth: auth as ReadonlySignal<AuthState>,
    message: message as ReadonlySignal<AuthMessage | null>,
    me: me as ReadonlySignal<Me | null>,
    check,
    /** The API as the signed-in technician: a refused sign-in means it expired, so back to sign-in. */
    call: (async (route, options) => {
      try {
        return await deps.api(route, options);
      } catch (err) {
        if (unauthenticated(err)) expire();
        throw err;
      }
    }) as Api,
    async signIn(email: string, password: string) {
      message.value = null;
      try {
        await deps.api(login, { body: { email, password } });
        await ask();
      } catch (err) {
        message.value = isNetworkError(err) ? "error.network" : "console.signin.failed";
      }
    },
    async signOut() {
      await deps.api(logout).catch(() => {});
      signedOut();
    },
  };
}
export type SignIn = ReturnType<typeof createSignIn>;
