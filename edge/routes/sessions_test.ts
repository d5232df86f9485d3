import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { ADMIN_TOKEN, ORIGIN, testApp } from "../testing/app.ts";
import { endSession, getSession, startSession } from "../db/sessions.ts";
import { createTechnician } from "../db/technicians.ts";
import { listOutbox } from "../db/outbox.ts";
import { manualClock } from "../clock.ts";
import { ALL_PERMISSIONS, SESSION_LIST_LIMIT } from "@sightline/shared";

Deno.test("POST /api/sessions validates, checks permissions and returns PIN and link", async (s) => {
  await s.step("unauthenticated → 401", async () => {
    using t = await testApp();
    const res = await t.request("/api/sessions", {
      method: "POST",
      json: { type: "lens", name: "A", delivery: { method: "link" } },
    });
    assertEquals(res.status, 401);
  });
  await s.step("empty name → 400 with details", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: " ", delivery: { method: "link" } },
    });
    assertEquals(res.status, 400);
    const body = await res.json();
    assertEquals(body.error.code, "validation_failed");
    assertEquals(body.error.details[0].path, "name");
  });
  await s.step("missing permission → 403 naming it", async () => {
    using t = await testApp({ permissions: { ...ALL_PERMISSIONS, useLinkMethod: false } });
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "link" } },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).error.code, "useLinkMethod");
  });
  await s.step("link method → 201 with link and PIN", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "link" } },
    });
    assertEquals(res.status, 201);
    const body = await res.json();
    assertMatch(body.link, new RegExp(`^${ORIGIN}/j/${body.pin}#k=[\\w-]{43}$`));
    assertEquals(body.session.status, "pending");
    const join = await t.request(`/api/join/${body.pin}`);
    assertEquals(join.status, 200);
    assertEquals((await join.json()).technicianName, "Tess");
  });
  await s.step("email-client → a mailto whose body holds link and PIN", async () => {
    using t = await testApp();
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: { method: "email-client", locale: "de" } },
    });
    const body = await res.json();
    const mailto = new URL(body.mailto);
    const text = mailto.searchParams.get("body")!;
    assert(text.includes(body.link));
    assert(text.includes(`${body.pin.slice(0, 3)} ${body.pin.slice(3)}`));
    assertMatch(mailto.searchParams.get("subject")!, /Video-Support/);
  });
});

Deno.test("POST /api/sessions mails in the chosen language and time zone, and refuses an unknown zone", async (s) => {
  const clock = manualClock(Date.UTC(2026, 10, 25, 14, 0));
  using t = await testApp({ clock });
  const cookie = await t.login();
  const create = (delivery: Record<string, unknown>) =>
    t.request("/api/sessions", { method: "POST", headers: { cookie }, json: { type: "lens", name: "Z", delivery } });
  await s.step("unknown time zone → 400 saying so, nothing sent", async () => {
    for (const timeZone of ["Mars/Olympus_Mons", "Europe/Berlin; DROP", ""]) {
      const res = await create({ method: "email-server", to: "z@example.test", locale: "de", timeZone });
      assertEquals(res.status, 400, timeZone);
      const { error } = await res.json();
      assertEquals([error.code, error.details[0].path], ["validation_failed", "delivery.timeZone"]);
      assertMatch(error.details[0].message, /Unknown time zone/);
    }
    assertEquals((await listOutbox(t.kv)).length, 0);
  });
  await s.step("German, Europe/Berlin → German mail with the expiry in Berlin time", async () => {
    const res = await create({ method: "email-server", to: "z@example.test", locale: "de", timeZone: "Europe/Berlin" });
    assertEquals(res.status, 201);
    const [mail] = await listOutbox(t.kv);
    assertEquals(mail.subject, "Sightline: Ihre Video-Support-Sitzung");
    assert(mail.text.includes("Link und PIN gelten bis 25. November um 15:20 MEZ."), mail.text);
    assert(mail.html.includes("25. November um 15:20 MEZ"));
  });
  await s.step("email-client, America/New_York → the mailto states New York time", async () => {
    const res = await create({ method: "email-client", locale: "en", timeZone: "America/New_York" });
    const text = new URL((await res.json()).mailto).searchParams.get("body")!;
    assert(text.includes("valid until 25 November at 09:20 GMT-5"), text);
  });
});

Deno.test("POST /api/sessions refuses each missing permission with that permission's code", async (st) => {
  const methods = {
    link: { method: "link" },
    "email-client": { method: "email-client" },
    "email-server": { method: "email-server", to: "c@example.test" },
  } as const;
  const cases: [keyof typeof ALL_PERMISSIONS, keyof typeof methods][] = [
    ["startLensSessions", "link"],
    ["startPrivateSessions", "link"],
    ["useLinkMethod", "link"],
    ["useEmailMethod", "email-client"],
    ["useEmailMethod", "email-server"],
    ["startLensSessions", "email-server"],
  ];
  for (const [missing, method] of cases) {
    await st.step(`without ${missing}, ${method}`, async () => {
      using t = await testApp({ permissions: { ...ALL_PERMISSIONS, [missing]: false } });
      const cookie = await t.login();
      const res = await t.request("/api/sessions", {
        method: "POST",
        headers: { cookie },
        json: { type: "lens", name: "Alice", delivery: methods[method] },
      });
      assertEquals(res.status, 403);
      assertEquals((await res.json()).error.code, missing);
      const list = await (await t.request("/api/sessions", { headers: { cookie } })).json();
      assertEquals(list.sessions, [], "nothing was created");
    });
  }
  await st.step("a permission the method does not need does not matter", async () => {
    using t = await testApp({ permissions: { ...ALL_PERMISSIONS, useEmailMethod: false } });
    const cookie = await t.login();
    const res = await t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "Alice", delivery: methods.link },
    });
    assertEquals(res.status, 201);
  });
});

Deno.test("GET /api/sessions shows only the technician's own sessions", async () => {
  using t = await testApp();
  const mine = await t.createLinkSession(await t.login(), "Mine");
  await createTechnician(t.kv, {
    email: "other@example.test",
    name: "O",
    groupId: t.group.id,
    password: "x".repeat(12),
  });
  const other = await t.request("/api/auth/login", {
    method: "POST",
    json: { email: "other@example.test", password: "x".repeat(12) },
  });
  const otherCookie = other.headers.get("set-cookie")!.split(";")[0];
  const list = await (await t.request("/api/sessions", { headers: { cookie: otherCookie } })).json();
  assertEquals(list.sessions, []);
  const start = await t.request(`/api/sessions/${mine.session.id}/start`, {
    method: "POST",
    headers: { cookie: otherCookie },
  });
  assertEquals(start.status, 404, "another technician's session is not found");
  const end = await t.request(`/api/sessions/${mine.session.id}/end`, {
    method: "POST",
    headers: { cookie: otherCookie },
  });
  assertEquals(end.status, 404);
});

Deno.test("POST /api/sessions/:id/start refuses what it must and rolls back a failed LiveKit grant", async (st) => {
  using t = await testApp();
  const cookie = await t.login();
  const start = (id: string) => t.request(`/api/sessions/${id}/start`, { method: "POST", headers: { cookie } });
  await st.step("pending → 409 session_not_waiting", async () => {
    const s = await t.createLinkSession(cookie, "Pending");
    const res = await start(s.session.id);
    assertEquals(res.status, 409);
    assertEquals((await res.json()).error.code, "session_not_waiting");
  });
  await st.step("unknown id → 404", async () => {
    assertEquals((await start(crypto.randomUUID())).status, 404);
  });
  await st.step("LiveKit unreachable → 409 customer_not_connected, session Waiting again", async () => {
    const id = await t.waitingSession(cookie, "Unreachable");
    const res = await start(id);
    assertEquals(res.status, 409);
    assertEquals((await res.json()).error.code, "customer_not_connected");
    assertEquals((await getSession(t.kv, id))?.status, "waiting");
  });
  await st.step("another session active → 409 active_session_exists", async () => {
    const a = await t.waitingSession(cookie, "A");
    const b = await t.waitingSession(cookie, "B");
    await startSession(t.kv, t.technician.id, a, t.clock.now());
    const res = await start(b);
    assertEquals(res.status, 409);
    const body = await res.json();
    assertEquals(body.error.code, "active_session_exists");
    assertEquals(body.error.details.activeSessionId, a);
    const end = await t.request(`/api/sessions/${a}/end`, { method: "POST", headers: { cookie } });
    assertEquals(end.status, 200, "End works even when LiveKit cannot be reached");
    assertEquals((await end.json()).session.status, "ended");
  });
});

Deno.test("GET /api/sessions lists the newest sessions, keeps an older active one, and says when there are more", async () => {
  using t = await testApp({ clock: manualClock() });
  const clock = t.clock as ReturnType<typeof manualClock>;
  const cookie = await t.login();
  const activeId = await t.waitingSession(cookie, "First, active");
  await startSession(t.kv, t.technician.id, activeId, clock.now());
  const list = async () => await (await t.request("/api/sessions", { headers: { cookie } })).json();
  assertEquals((await list()).more, false);
  const names: string[] = [];
  for (let i = 0; i < SESSION_LIST_LIMIT; i++) {
    clock.advance(1_000);
    names.push(`S${i}`);
    await t.createLinkSession(cookie, `S${i}`);
  }
  const full = await list();
  assertEquals(full.more, true);
  // The newest SESSION_LIST_LIMIT, newest first, and the active one after them.
  assertEquals(full.sessions.length, SESSION_LIST_LIMIT + 1);
  assertEquals(full.sessions.slice(0, SESSION_LIST_LIMIT).map((s: { name: string }) => s.name), names.toReversed());
  assertEquals(full.sessions.at(-1).id, activeId);
  assertEquals(full.sessions.at(-1).status, "active");
  // Once it has ended, the old session drops out of the console's list; the admin still sees it.
  await endSession(t.kv, activeId, "technician", clock.now());
  const after = await list();
  assertEquals(after.sessions.length, SESSION_LIST_LIMIT);
  assert(!after.sessions.some((s: { id: string }) => s.id === activeId));
  const admin = await t.request(`/api/admin/sessions?technicianId=${t.technician.id}&limit=500`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assertEquals((await admin.json()).sessions.length, SESSION_LIST_LIMIT + 1);
});

Deno.test("20 concurrent Starts by one technician on different sessions leave exactly one active", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(await t.waitingSession(cookie, `S${i}`));
  const results = await Promise.allSettled(ids.map((id) => startSession(t.kv, t.technician.id, id, t.clock.now())));
  assertEquals(results.filter((r) => r.status === "fulfilled").length, 1);
  const sessions = await Promise.all(ids.map((id) => getSession(t.kv, id)));
  assertEquals(sessions.filter((s) => s?.status === "active").length, 1);
});

Deno.test("GET /api/sessions/events sends the list at once and again after a change", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const controller = new AbortController();
  const res = await t.request("/api/sessions/events", { headers: { cookie }, signal: controller.signal });
  assertEquals(res.headers.get("content-type"), "text/event-stream");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const nextEvent = async () => {
    let buffer = "";
    while (!buffer.includes("\n\n")) buffer += (await reader.read()).value ?? "";
    return JSON.parse(buffer.match(/data: (.*)/)![1]);
  };
  assertEquals((await nextEvent()).sessions, []);
  await t.createLinkSession(cookie, "Live update");
  assertEquals((await nextEvent()).sessions[0].name, "Live update");
  controller.abort();
  await reader.cancel().catch(() => {});
});

Deno.test("email through the Sightline servers is limited per technician", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const send = () =>
    t.request("/api/sessions", {
      method: "POST",
      headers: { cookie },
      json: { type: "lens", name: "M", delivery: { method: "email-server", to: "c@example.test" } },
    });
  for (let i = 0; i < 20; i++) assertEquals((await send()).status, 201);
  const limited = await send();
  assertEquals(limited.status, 429);
  assert(Number(limited.headers.get("retry-after")) > 0);
});

Deno.test("POST /api/sessions/:id/screenshot audits a screenshot of an active session only", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const id = await t.waitingSession(cookie, "Shot");
  const shot = () => t.request(`/api/sessions/${id}/screenshot`, { method: "POST", headers: { cookie } });
  assertEquals((await shot()).status, 409, "not active yet");
  await startSession(t.kv, t.technician.id, id, t.clock.now());
  assertEquals((await shot()).status, 200);
  const audit = await (await t.request(`/api/admin/audit?sessionId=${id}&action=session.screenshot`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).json();
  assertEquals(audit.entries.length, 1);
});

Deno.test("POST /api/sessions/:id/chat keeps the transcript of an active session, once per message, in order", async () => {
  using t = await testApp();
  const cookie = await t.login();
  const id = await t.waitingSession(cookie, "Talk");
  const line = (id: string, at: number, from = "technician") => ({ id, from, text: `message ${id}`, at });
  const post = (body: unknown) =>
    t.request(`/api/sessions/${id}/chat`, { method: "POST", headers: { cookie }, json: body });
  assertEquals((await post(line("a", 1))).status, 409, "not active yet");
  await startSession(t.kv, t.technician.id, id, t.clock.now());
  assertEquals((await post(line("b", 20, "customer"))).status, 200);
  assertEquals((await post(line("a", 10))).status, 200);
  assertEquals((await post(line("a", 10))).status, 200, "a retry is fine");
  assertEquals((await post({ ...line("c", 30), from: "someone" })).status, 400);
  assertEquals((await post({ ...line("c", 30), text: "" })).status, 400);
  const transcript = await (await t.request(`/api/sessions/${id}/transcript`, { headers: { cookie } })).json();
  assertEquals(transcript.lines.map((l: { id: string; from: string }) => `${l.id}:${l.from}`), [
    "a:technician",
    "b:customer",
  ]);
  const otherTech = { name: "Other", email: "other@example.test", password: "long-password-2" };
  await createTechnician(t.kv, { ...otherTech, groupId: t.group.id });
  const res = await t.request("/api/auth/login", { method: "POST", json: otherTech });
  const other = res.headers.get("set-cookie")!.split(";")[0];
  assertEquals((await t.request(`/api/sessions/${id}/transcript`, { headers: { cookie: other } })).status, 404);
});
