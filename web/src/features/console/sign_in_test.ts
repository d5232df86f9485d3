import assert from "node:assert/strict";
import * as api from "../../../../shared/api.ts";
import { networkDown, refusal, settle } from "../../testing/fakes.ts";
import { hasSignInHint } from "./sign_in.ts";
import { consoleHarness, ME, session } from "./testing.ts";

Deno.test("signIn.check(): signed in opens the session list's stream; not signed in shows the form", async () => {
  const h = consoleHarness();
  await h.model.signIn.check();
  assert.equal(h.model.signIn.auth.value, "signedIn");
  assert.deepEqual(h.model.signIn.me.value, ME);
  assert.equal(h.stream().url, api.sessionEvents.path);

  const out = consoleHarness();
  out.edge.answer(api.me, refusal(401, "unauthenticated"));
  await out.model.signIn.check();
  assert.equal(out.model.signIn.auth.value, "signedOut");
  assert.equal(out.streams.length, 0);
});

Deno.test("signIn.check() asks again while the edge cannot be reached", async () => {
  const h = consoleHarness();
  h.edge.answer(api.me, [networkDown(), networkDown(), ME]);
  await h.model.signIn.check();
  await settle();
  assert.deepEqual(h.waits, [3000, 3000]);
  assert.equal(h.model.signIn.auth.value, "signedIn");
});

Deno.test("signIn.signIn(): wrong credentials and no network say so; right ones sign in", async () => {
  const h = consoleHarness();
  h.edge.answer(api.me, refusal(401, "unauthenticated"));
  await h.model.signIn.check();
  h.edge.answer(api.login, [refusal(401, "invalid_credentials"), networkDown(), { ok: true }]);
  await h.model.signIn.signIn("tess@example.test", "wrong");
  assert.equal(h.model.signIn.message.value, "console.signin.failed");
  await h.model.signIn.signIn("tess@example.test", "right");
  assert.equal(h.model.signIn.message.value, "error.network");
  h.edge.answer(api.me, ME);
  await h.model.signIn.signIn("tess@example.test", "right");
  assert.equal(h.model.signIn.message.value, null);
  assert.equal(h.model.signIn.auth.value, "signedIn");
  assert.deepEqual(h.edge.callsOf(api.login).at(-1), { body: { email: "tess@example.test", password: "right" } });
});

Deno.test("an expired sign-in on any call goes back to the form with a message and drops the list", async () => {
  const h = consoleHarness();
  await h.model.signIn.check();
  h.stream().emit([session("a", "ended")]);
  assert.equal(h.model.list.sessions.value.length, 1);
  h.edge.answer(api.transcript, refusal(401, "unauthenticated"));
  await assert.rejects(h.model.transcript("a"));
  assert.equal(h.model.signIn.auth.value, "signedOut");
  assert.equal(h.model.signIn.message.value, "console.signin.expired");
  assert.equal(h.stream().closed, true);
  assert.deepEqual(h.model.list.sessions.value, []);
});

Deno.test("signIn.signOut() tells the edge, closes the stream and forgets the technician", async () => {
  const h = consoleHarness();
  await h.model.signIn.check();
  h.edge.answer(api.logout, { ok: true });
  await h.model.signIn.signOut();
  assert.equal(h.edge.callsOf(api.logout).length, 1);
  assert.equal(h.model.signIn.auth.value, "signedOut");
  assert.equal(h.model.signIn.me.value, null);
  assert.equal(h.stream().closed, true);
  assert.equal(h.model.signIn.message.value, null);
});

Deno.test("signIn.check() without the sign-in hint shows the form without asking the edge (no 401 to log)", async () => {
  const h = consoleHarness();
  h.cookies.hint = false;
  await h.model.signIn.check();
  assert.equal(h.model.signIn.auth.value, "signedOut");
  assert.equal(h.model.signIn.message.value, null);
  assert.equal(h.edge.calls.length, 0);
  // Signing in asks whether it worked, whatever the page can read of the cookies.
  h.edge.answer(api.login, { ok: true });
  await h.model.signIn.signIn("tess@example.test", "right");
  assert.equal(h.model.signIn.auth.value, "signedIn");
  assert.equal(h.edge.callsOf(api.me).length, 1);
});

Deno.test("a stale sign-in hint gets the 401 and the form; a refused stream with the hint gone says expired", async () => {
  const stale = consoleHarness();
  stale.edge.answer(api.me, refusal(401, "unauthenticated"));
  await stale.model.signIn.check();
  assert.equal(stale.model.signIn.auth.value, "signedOut");
  assert.equal(stale.model.signIn.message.value, null);

  const h = consoleHarness();
  await h.model.signIn.check();
  h.cookies.hint = false; // the edge refused the stream and cleared its cookies
  h.stream().readyState = 2;
  h.stream().onerror?.(new Event("error"));
  assert.equal(h.model.signIn.auth.value, "signedOut");
  assert.equal(h.model.signIn.message.value, "console.signin.expired");
  assert.equal(h.edge.callsOf(api.me).length, 1, "not asked again");
});

Deno.test("hasSignInHint() finds the hint by either name, and nothing else", () => {
  assert.equal(hasSignInHint("lang=de; sightline-console=1"), true);
  assert.equal(hasSignInHint("__Host-sightline-console=1"), true);
  assert.equal(hasSignInHint(""), false);
  assert.equal(hasSignInHint("sightline=abc; xsightline-console=1; sightline-console-old=1"), false);
});
