/**
 * The technician's sign-in: who is signed in, signing in and out, and noticing an expired sign-in on
 * any call (`call`: a 401 takes the console back to the sign-in form with a message).
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import { ERROR_CODES } from "../../../../shared/constants.ts";
import type { Me } from "../../../../shared/schemas.ts";
import { login, logout, me as meRoute } from "../../../../shared/api.ts";
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
}

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

  /** Asks the edge who is signed in; retries while it cannot be reached. */
  async function check(): Promise<void> {
    try {
      me.value = await deps.api(meRoute);
      auth.value = "signedIn";
      deps.onSignedIn();
    } catch (err) {
      if (!unauthenticated(err)) return void deps.wait(3000).then(check);
      if (auth.value === "signedIn") expire();
      else auth.value = "signedOut";
    }
  }

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
        await check();
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
