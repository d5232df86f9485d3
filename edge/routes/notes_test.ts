import { assertEquals } from "../testing/assert.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";
import { endSession, startSession } from "../db/sessions.ts";
import { createTechnician } from "../db/technicians.ts";
import { keys } from "../db/keys.ts";
import { purgeExpired } from "../db/retention.ts";
import { MAX_NOTES_LENGTH } from "@sightline/shared";

Deno.test("POST /api/sessions/:id/notes keeps the technician's note during and after the session", async (s) => {
  using t = await testApp();
  const cookie = await t.login();
  const id = await t.waitingSession(cookie, "Notes");
  const save = (json: unknown, headers: Record<string, string> = { cookie }) =>
    t.request(`/api/sessions/${id}/notes`, { method: "POST", headers, json });
  const read = async (headers: Record<string, string> = { cookie }) =>
    await (await t.request(`/api/sessions/${id}/notes`, { headers })).json();
  const audited = async () =>
    (await (await t.request(`/api/admin/audit?sessionId=${id}&action=session.notes`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json()).entries;

  await s.step("none yet → empty text, no time", async () => {
    assertEquals(await read(), { text: "", updatedAt: null });
  });
  await s.step("saved while live, again after the end; each change audited by length only", async () => {
    await startSession(t.kv, t.technician.id, id, t.clock.now());
    const res = await save({ text: "Valve 3 leaks" });
    assertEquals(res.status, 200);
    assertEquals(await res.json(), { text: "Valve 3 leaks", updatedAt: t.clock.now() });
    await endSession(t.kv, id, "technician", t.clock.now());
    assertEquals((await save({ text: "Valve 3 leaks; replaced the seal" })).status, 200);
    assertEquals((await save({ text: "Valve 3 leaks; replaced the seal" })).status, 200, "unchanged: not audited");
    assertEquals((await read()).text, "Valve 3 leaks; replaced the seal");
    const entries = await audited();
    assertEquals(entries.length, 2);
    // Both at the same (manual) time: compare without order.
    const lengths = entries.map((e: { details: { length: number } }) => e.details.length).sort();
    assertEquals(lengths, [13, 32]);
    assertEquals(JSON.stringify(entries).includes("Valve"), false, "the audit log never holds the note");
  });
  await s.step("bad input → 400 and nothing changes, never 500", async () => {
    for (const body of [{ text: "x".repeat(MAX_NOTES_LENGTH + 1) }, { text: 5 }, {}, [], null, "text"]) {
      const res = await save(body);
      assertEquals(res.status, 400, JSON.stringify(body).slice(0, 40));
      assertEquals((await res.json()).error.code, "validation_failed");
    }
    const raw = await t.request(`/api/sessions/${id}/notes`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: "{not json",
    });
    assertEquals(raw.status, 400);
    assertEquals((await save({ text: "x".repeat(MAX_NOTES_LENGTH) })).status, 200, "the limit itself is fine");
  });
  await s.step("another technician gets 404 and changes nothing", async () => {
    const otherTech = { name: "Other", email: "other@example.test", password: "long-password-2" };
    await createTechnician(t.kv, { ...otherTech, groupId: t.group.id });
    const res = await t.request("/api/auth/login", { method: "POST", json: otherTech });
    const other = { cookie: res.headers.get("set-cookie")!.split(";")[0] };
    assertEquals((await save({ text: "mine now" }, other)).status, 404);
    assertEquals((await t.request(`/api/sessions/${id}/notes`, { headers: other })).status, 404);
    assertEquals((await read()).text.length, MAX_NOTES_LENGTH);
  });
  await s.step("an unknown session → 404; the note goes with the session's retention purge", async () => {
    assertEquals(
      (await t.request("/api/sessions/nope/notes", { method: "POST", headers: { cookie }, json: { text: "a" } }))
        .status,
      404,
    );
    await purgeExpired(t.kv, 1, t.clock.now() + 2 * 24 * 60 * 60 * 1000);
    assertEquals((await t.kv.get(keys.sessionNotes(id))).value, null);
  });
});
