import assert from "node:assert/strict";
import { consoleHarness, session } from "./testing.ts";

async function signedIn(notify: "default" | "granted" = "default") {
  const h = consoleHarness(notify);
  await h.model.signIn.check();
  return h;
}

Deno.test("list: every server-sent list replaces the last; older sessions are noted", async () => {
  const h = await signedIn();
  assert.equal(h.model.list.online.value, false);
  h.stream().emit([session("a", "pending")]);
  assert.equal(h.model.list.online.value, true);
  assert.deepEqual(h.model.list.sessions.value.map((s) => s.id), ["a"]);
  h.stream().emit([session("b", "waiting"), session("a", "ended")], true);
  assert.deepEqual(h.model.list.sessions.value.map((s) => [s.id, s.status]), [["b", "waiting"], ["a", "ended"]]);
  assert.equal(h.model.list.older.value, true);
  assert.equal(h.model.list.waitingCount.value, 1);
});

Deno.test("list: a stream error shows the list offline; a refused stream asks whether still signed in", async () => {
  const h = await signedIn();
  h.stream().emit([]);
  h.stream().onerror?.(new Event("error"));
  assert.equal(h.model.list.online.value, false);
  assert.equal(h.edge.calls.length, 1, "EventSource retries by itself");
  h.stream().readyState = 2;
  h.stream().onerror?.(new Event("error"));
  assert.equal(h.edge.calls.length, 2, "asked /api/me again");
});

Deno.test("list: select() and move() pick a session, the arrow keys stay within the list", async () => {
  const h = await signedIn();
  h.stream().emit([session("a", "waiting"), session("b", "pending"), session("c", "ended")]);
  h.model.list.move(1);
  assert.equal(h.model.list.selectedId.value, "a", "the first when none is selected");
  h.model.list.move(1);
  h.model.list.move(5);
  assert.equal(h.model.list.selected.value?.id, "c");
  h.model.list.move(-1);
  assert.equal(h.model.list.selected.value?.id, "b");
  h.model.list.select("a");
  assert.equal(h.model.list.selected.value?.status, "waiting");
});

Deno.test("list: a customer who starts waiting is announced once, not on the first list", async () => {
  const h = await signedIn("granted");
  h.stream().emit([session("a", "waiting"), session("b", "pending")]);
  assert.equal(h.shown.length, 0, "the first list after sign-in announces nothing");
  h.stream().emit([session("a", "waiting"), session("b", "waiting")]);
  h.stream().emit([session("a", "waiting"), session("b", "waiting")]);
  assert.deepEqual(h.shown.map((n) => [n.title, n.tag]), [["Customer b is waiting", "waiting-b"]]);
  h.model.showTab("active");
  h.shown[0].click();
  assert.equal(h.focused(), 1);
  assert.equal(h.model.list.selectedId.value, "b");
  assert.equal(h.model.tab.value, "sessions");
});

Deno.test("list: no notification unless the technician allowed them; Notify me asks the browser", async () => {
  const h = await signedIn();
  h.stream().emit([session("a", "pending")]);
  h.stream().emit([session("a", "waiting")]);
  assert.equal(h.shown.length, 0);
  await h.model.list.enableNotifications();
  assert.equal(h.model.list.notify.value, "granted");
});

Deno.test("list: a customer who starts waiting chimes and is flagged until selected; the sound can be turned off", async () => {
  const prefs = new Map<string, string>();
  const h = consoleHarness("default", prefs);
  await h.model.signIn.check();
  h.stream().emit([session("a", "pending"), session("b", "pending")]);
  h.stream().emit([session("a", "waiting"), session("b", "pending")]);
  assert.equal(h.chimes(), 1);
  assert.deepEqual(h.model.list.alerts.value.map((s) => s.id), ["a"]);
  h.stream().emit([session("a", "waiting"), session("b", "pending")]);
  assert.equal(h.chimes(), 1, "once per customer who starts waiting");
  h.model.list.select("a");
  assert.equal(h.model.list.alerts.value.length, 0);

  h.model.list.setSound(false);
  h.stream().emit([session("a", "waiting"), session("b", "waiting")]);
  assert.equal(h.chimes(), 1, "no sound once turned off");
  assert.deepEqual(h.model.list.alerts.value.map((s) => s.id), ["b"], "the visual alert stays");
  h.stream().emit([session("a", "waiting"), session("b", "ended")]);
  assert.equal(h.model.list.alerts.value.length, 0, "gone when the customer no longer waits");

  const again = consoleHarness("default", prefs);
  assert.equal(again.model.list.sound.value, false, "the choice is remembered");
});
