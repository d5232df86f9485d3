import { assert, assertEquals } from "../testing/assert.ts";
import { ADMIN_TOKEN, customerJoined, testApp } from "../testing/app.ts";
import { manualClock } from "../clock.ts";
import { setCustomerPresence, startSession } from "../db/sessions.ts";

Deno.test("GET /api/join/:pin answers 404 for unknown or malformed PINs", async () => {
  using t = await testApp();
  for (const pin of ["000000", "12ab56", "1234567"]) {
    const res = await t.request(`/api/join/${pin}`);
    assertEquals(res.status, 404, pin);
    assertEquals((await res.json()).error.code, "pin_not_found");
  }
});

Deno.test("GET /api/join/:pin with the link secret or the typed PIN returns the join info", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const s = await t.createLinkSession(await t.login());
  const viaLink = await t.request(`/api/join/${s.pin}`, { headers: { "x-link-secret": s.secret } });
  assertEquals(viaLink.status, 200);
  const info = await viaLink.json();
  assertEquals(info.technicianName, "Tess");
  assertEquals(Object.keys(info.eula), ["en", "de"]);
  assertEquals([info.eula.en.version, info.eula.de.version], ["2", "2"]);
  assertEquals((await t.request(`/api/join/${s.pin}`)).status, 200);
  const audit = await (await t.request(`/api/admin/audit?sessionId=${s.session.id}&action=pin.looked_up`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json();
  assertEquals(audit.entries.length, 2);
  assertEquals(audit.entries.map((e: { details: { viaLink: boolean } }) => e.details.viaLink).sort(), [false, true]);
  assertEquals(audit.entries[0].details.address, "192.0.2.1");
  // The same client looking again (a reload) is audited once per ten minutes.
  const lookups = async () =>
    (await (await t.request(`/api/admin/audit?sessionId=${s.session.id}&action=pin.looked_up`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json()).entries.length;
  assertEquals((await t.request(`/api/join/${s.pin}`, { headers: { "x-link-secret": s.secret } })).status, 200);
  assertEquals(await lookups(), 2);
  assertEquals((await t.request(`/api/join/${s.pin}`, { address: "198.51.100.7" })).status, 200);
  assertEquals(await lookups(), 3, "another client is audited");
  clock.advance(10 * 60_000);
  assertEquals((await t.request(`/api/join/${s.pin}`, { headers: { "x-link-secret": s.secret } })).status, 200);
  assertEquals(await lookups(), 4, "ten minutes later again");
  const wrong = await t.request(`/api/join/${s.pin}`, { headers: { "x-link-secret": "x".repeat(43) } });
  assertEquals(wrong.status, 403);
  assertEquals((await wrong.json()).error.code, "link_secret_mismatch");
});

Deno.test("POST /api/join/:pin/accept checks body and EULA version, then consumes the PIN", async (st) => {
  using t = await testApp();
  const s = await t.createLinkSession(await t.login());
  const accept = (json: unknown) => t.request(`/api/join/${s.pin}/accept`, { method: "POST", json });
  await st.step("invalid body → 400", async () => {
    const res = await accept({ eulaVersion: 1 });
    assertEquals(res.status, 400);
    assertEquals((await res.json()).error.details[0].path, "eulaVersion");
  });
  await st.step("old EULA version → 409", async () => {
    const res = await accept({ eulaVersion: "0", linkSecret: s.secret });
    assertEquals(res.status, 409);
    assertEquals((await res.json()).error.code, "eula_version_mismatch");
  });
  await st.step("accept → customer key and a LiveKit token that cannot publish", async () => {
    const res = await accept({ eulaVersion: "2", linkSecret: s.secret });
    assertEquals(res.status, 200);
    const body = await res.json();
    assert(body.customerKey.length >= 40);
    const claims = JSON.parse(atob(body.livekit.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    assertEquals(claims.sub, `customer:${s.session.id}`);
    assertEquals(claims.video.room, `session-${s.session.id}`);
    assertEquals(claims.video.canPublish, false);
    assertEquals(claims.video.canSubscribe, true);
  });
  await st.step("the PIN is used up → 404", async () => {
    assertEquals((await accept({ eulaVersion: "2", linkSecret: s.secret })).status, 404);
    assertEquals((await t.request(`/api/join/${s.pin}`)).status, 404);
  });
});

Deno.test("POST /api/join/:pin/accept records the EULA's language and checks that language's version", async (st) => {
  using t = await testApp();
  const auditOf = async (sessionId: string) =>
    (await (await t.request(`/api/admin/audit?sessionId=${sessionId}&action=session.eula_accepted`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json()).entries.map((e: { details: Record<string, unknown> }) => e.details);
  const patchEula = (eula: unknown) =>
    t.request("/api/admin/settings", {
      method: "PATCH",
      json: { eula },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
  const en = { version: "en-5", text: "Terms", privacy: "Kept" };
  const de = { version: "de-9", text: "Bedingungen", privacy: "Gespeichert" };
  assertEquals((await patchEula({ en, de })).status, 200);
  const cookie = await t.login();

  await st.step("German version in German → recorded as German", async () => {
    const s = await t.createLinkSession(cookie);
    const accept = (json: unknown) => t.request(`/api/join/${s.pin}/accept`, { method: "POST", json });
    const wrong = await accept({ eulaVersion: "en-5", eulaLanguage: "de", linkSecret: s.secret });
    assertEquals([wrong.status, (await wrong.json()).error.code], [409, "eula_version_mismatch"]);
    assertEquals((await accept({ eulaVersion: "de-9", eulaLanguage: "fr", linkSecret: s.secret })).status, 400);
    assertEquals((await accept({ eulaVersion: "de-9", eulaLanguage: "de", linkSecret: s.secret })).status, 200);
    const [details] = await auditOf(s.session.id);
    assertEquals([details.eulaLanguage, details.eulaVersion], ["de", "de-9"]);
  });
  await st.step("no language (an older app) → English", async () => {
    const s = await t.createLinkSession(cookie);
    const res = await t.request(`/api/join/${s.pin}/accept`, {
      method: "POST",
      json: { eulaVersion: "en-5", linkSecret: s.secret },
    });
    assertEquals(res.status, 200);
    const [details] = await auditOf(s.session.id);
    assertEquals([details.eulaLanguage, details.eulaVersion], ["en", "en-5"]);
  });
  await st.step("German removed → a German acceptance is refused, the English one (the fallback) passes", async () => {
    assertEquals((await patchEula({ en })).status, 200);
    const s = await t.createLinkSession(cookie);
    assertEquals((await (await t.request(`/api/join/${s.pin}`)).json()).eula, { en });
    const accept = (json: unknown) => t.request(`/api/join/${s.pin}/accept`, { method: "POST", json });
    assertEquals((await accept({ eulaVersion: "de-9", eulaLanguage: "de", linkSecret: s.secret })).status, 409);
    assertEquals((await accept({ eulaVersion: "en-5", eulaLanguage: "en", linkSecret: s.secret })).status, 200);
  });
});

Deno.test("20 concurrent claims of one PIN have exactly one winner", async () => {
  using t = await testApp();
  const s = await t.createLinkSession(await t.login());
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.request(`/api/join/${s.pin}/accept`, {
        method: "POST",
        json: { eulaVersion: "2", linkSecret: s.secret },
        address: `198.51.100.${i}`,
      })),
  );
  const statuses = results.map((r) => r.status).sort();
  assertEquals(statuses.filter((x) => x === 200).length, 1, `statuses: ${statuses}`);
  assertEquals(statuses.filter((x) => x === 404).length, 19, `statuses: ${statuses}`);
});

Deno.test("typed-PIN guessing turns into 429s and never reaches a live PIN; link joins still work", async () => {
  const clock = manualClock();
  using t = await testApp({ clock });
  const s = await t.createLinkSession(await t.login());
  const other = await t.createLinkSession(await t.login(), "Bob");
  const live = new Set([s.pin, other.pin]);

  // One client: ten typed attempts, then 429 with Retry-After.
  for (let i = 0; i < 10; i++) {
    const guess = String(100000 + i);
    if (live.has(guess)) continue;
    assertEquals((await t.request(`/api/join/${guess}`, { address: "203.0.113.7" })).status, 404);
  }
  const blocked = await t.request(`/api/join/${s.pin}`, { address: "203.0.113.7" });
  assertEquals(blocked.status, 429);
  assert(Number(blocked.headers.get("retry-after")) > 0);

  // Many clients (a botnet): thousands of wrong PINs; the global failure budget closes typed look-ups.
  const counts: Record<number, number> = {};
  for (let i = 0; i < 3000; i++) {
    const guess = String(200000 + i * 97).padStart(6, "0");
    if (live.has(guess)) continue;
    const res = await t.request(`/api/join/${guess}`, { address: `10.${i >> 8}.${i & 255}.1` });
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    await res.body?.cancel();
  }
  assertEquals(Object.keys(counts).sort(), ["404", "429"], JSON.stringify(counts));
  assertEquals(counts[404] + 10, 300, "the global budget of failed attempts (10 came from the first client)");

  // During the attack a typed PIN is refused, but the emailed link (with its secret) still joins.
  assertEquals((await t.request(`/api/join/${s.pin}`, { address: "192.0.2.99" })).status, 429);
  const viaLink = await t.request(`/api/join/${s.pin}`, { headers: { "x-link-secret": s.secret } });
  assertEquals(viaLink.status, 200);
  const accepted = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  assertEquals(accepted.status, 200);

  // After the window the typed PIN works again.
  clock.advance(10 * 60_000);
  assertEquals((await t.request(`/api/join/${other.pin}`, { address: "192.0.2.99" })).status, 200);
});

Deno.test("POST /api/join/:pin/decline ends the session; POST /api/customer/end needs the customer key", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const a = await t.createLinkSession(cookie, "Declines");
  const decline = await t.request(`/api/join/${a.pin}/decline`, { method: "POST", json: { linkSecret: a.secret } });
  assertEquals(decline.status, 200);
  const b = await t.createLinkSession(cookie, "Ends");
  const accepted = await (await t.request(`/api/join/${b.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: b.secret },
  })).json();
  assertEquals((await t.request("/api/customer/end", { method: "POST" })).status, 401);
  const end = await t.request("/api/customer/end", {
    method: "POST",
    headers: { authorization: `Bearer ${accepted.customerKey}` },
  });
  assertEquals(end.status, 200);
  const list = await (await t.request("/api/sessions", { headers: { cookie } })).json();
  const byName = Object.fromEntries(list.sessions.map((s: { name: string }) => [s.name, s]));
  assertEquals([byName.Declines.status, byName.Declines.endedBy], ["ended", "declined"]);
  assertEquals([byName.Ends.status, byName.Ends.endedBy], ["ended", "customer"]);
});

Deno.test("POST /api/customer/rejoin gives a reloaded customer a token, with publish rights once active", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const { customerKey } = await (await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  })).json();
  const rejoin = () =>
    t.request("/api/customer/rejoin", { method: "POST", headers: { authorization: `Bearer ${customerKey}` } });
  const grant = (token: string) => JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).video;

  assertEquals((await t.request("/api/customer/rejoin", { method: "POST" })).status, 401);
  const before = await (await rejoin()).json();
  assertEquals(before.status, "pending");
  assertEquals(grant(before.livekit.token).canPublish, false);

  await setCustomerPresence(t.kv, s.session.id, true, t.clock.now());
  await startSession(t.kv, t.technician.id, s.session.id, t.clock.now());
  const during = await (await rejoin()).json();
  assertEquals(during.status, "active");
  assertEquals(grant(during.livekit.token).canPublish, true);
  assertEquals(grant(during.livekit.token).canPublishSources, ["camera", "microphone"]);

  await t.request(`/api/sessions/${s.session.id}/end`, { method: "POST", headers: { cookie } });
  const after = await rejoin();
  assertEquals(after.status, 409);
  assertEquals((await after.json()).error.code, "session_ended");
});

Deno.test("POST /api/customer/progress shows the customer's trouble in the list until they reach the room", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const s = await t.createLinkSession(cookie);
  const accepted = await t.request(`/api/join/${s.pin}/accept`, {
    method: "POST",
    json: { eulaVersion: "2", linkSecret: s.secret },
  });
  const { customerKey } = await accepted.json();
  const report = (json: unknown) =>
    t.request("/api/customer/progress", {
      method: "POST",
      headers: { authorization: `Bearer ${customerKey}` },
      json,
    });
  const listed = async () => (await (await t.request("/api/sessions", { headers: { cookie } })).json()).sessions[0];
  const audited = async () =>
    (await (await t.request(`/api/admin/audit?sessionId=${s.session.id}&action=customer.progress`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })).json()).entries.length;

  assertEquals((await report({ event: "cannot-connect", reason: "network" })).status, 200);
  assertEquals((await listed()).customerProgress, { event: "cannot-connect", reason: "network", at: t.clock.now() });
  assertEquals((await report({ event: "cannot-connect", reason: "network" })).status, 200);
  assertEquals(await audited(), 1, "the same report again writes nothing");
  assertEquals((await report({ event: "somewhere-else" })).status, 400);

  await t.webhook(customerJoined(s.session.id));
  assertEquals((await listed()).customerProgress, null, "cleared once the customer is in the room");

  await t.request(`/api/sessions/${s.session.id}/end`, { method: "POST", headers: { cookie } });
  const late = await report({ event: "cannot-connect" });
  assertEquals([late.status, (await late.json()).error.code], [409, "session_ended"]);
});
