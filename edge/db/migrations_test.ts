import { SettingsSchema } from "@sightline/shared";
import { assert, assertEquals, assertFalse } from "../testing/assert.ts";
import { listAudit } from "./audit.ts";
import { sha256Hex } from "./crypto.ts";
import { keys } from "./keys.ts";
import { getLogin, revokeLogins } from "./logins.ts";
import { LEGACY_DEFAULT_EULA, migrate } from "./migrations.ts";
import { DEFAULT_EULA, getSettings } from "./settings.ts";
import { createSession, listSessions, sessionsNewestFirst } from "./sessions.ts";

const NOW = Date.UTC(2026, 0, 1);

Deno.test("migrate() brings the session indexes of an older edge to creation-time order, once", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { session } = await createSession(
        kv,
        { technicianId: "t1", name: `S${i}`, method: "link", recipient: null, validityMinutes: 20 },
        NOW + i * 1000,
      );
      ids.push(session.id);
      // What an older edge wrote: [sessions_by_technician, technician, session].
      await kv.delete(keys.sessionsByTechnician("t1", session));
      await kv.set(["sessions_by_technician", "t1", session.id], session.id);
      await kv.delete(keys.sessionsByTime(session));
    }
    // An old index entry whose session was purged already.
    await kv.set(["sessions_by_technician", "t1", "gone"], "gone");

    assertEquals(await migrate(kv), { technician_index_by_time: 4, sessions_by_time: 3 });
    const index = await Array.fromAsync(kv.list({ prefix: keys.sessionsByTechnician("t1") }));
    assertEquals(index.map((e) => e.key.length), [4, 4, 4], "no old-layout entry left, the orphan dropped");
    assertEquals((await listSessions(kv, "t1")).map((s) => s.id), ids.toReversed());
    assertEquals((await listSessions(kv, "t1", 2)).map((s) => s.id), ids.toReversed().slice(0, 2));
    const byTime = await Array.fromAsync(sessionsNewestFirst(kv, keys.sessionsByTime()));
    assertEquals(byTime.map((s) => s.id), ids.toReversed());
    const middle = await Array.fromAsync(
      sessionsNewestFirst(kv, keys.sessionsByTime(), { from: NOW + 1000, to: NOW + 1000 }),
    );
    assertEquals(middle.map((s) => s.id), [ids[1]], "from and to are inclusive");

    // Done once: a later boot skips it, even if an old entry turned up.
    await kv.set(["sessions_by_technician", "t1", "late"], "late");
    assertEquals(await migrate(kv), {});
  } finally {
    kv.close();
  }
});

Deno.test("migrate() moves an older edge's sign-ins to logins with the time they have left, once", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    // What an older edge wrote: a live sign-in, an expired one (KV had not cleaned it up yet) and an
    // index entry whose sign-in is gone.
    const live = await sha256Hex("live-token");
    const expired = await sha256Hex("expired-token");
    const liveUntil = Date.now() + 60 * 60_000;
    await kv.set(["auth_sessions", live], { technicianId: "t1", expiresAt: liveUntil });
    await kv.set(["auth_sessions_by_technician", "t1", live], true);
    await kv.set(["auth_sessions", expired], { technicianId: "t1", expiresAt: Date.now() - 1 });
    await kv.set(["auth_sessions_by_technician", "t1", expired], true);
    await kv.set(["auth_sessions_by_technician", "t2", "gone"], true);

    assertEquals(await migrate(kv), { logins_from_auth_sessions: 3 });
    assertEquals(await getLogin(kv, "live-token"), { technicianId: "t1", expiresAt: liveUntil });
    assertEquals(await getLogin(kv, "expired-token"), null);
    for (const prefix of [["auth_sessions"], ["auth_sessions_by_technician"]]) {
      assertEquals(await Array.fromAsync(kv.list({ prefix })), [], `nothing left under ${prefix}`);
    }
    // The index moved too: signing the technician out everywhere reaches the moved sign-in.
    await revokeLogins(kv, "t1");
    assertEquals(await getLogin(kv, "live-token"), null);

    await kv.set(["auth_sessions", "late"], { technicianId: "t1", expiresAt: liveUntil });
    assertEquals(await migrate(kv), {}, "done once");
  } finally {
    kv.close();
  }
});

Deno.test("migrate() turns an older edge's single EULA into per-language ones, once", async (t) => {
  await t.step("a company's own EULA becomes the English one, with the default privacy notice", async () => {
    const kv = await Deno.openKv(":memory:");
    try {
      await kv.set(keys.settings(), { companyName: "ACME", eula: { version: "7", text: "Our terms." } });
      assertEquals(await migrate(kv), { eula_per_language: 1 });
      const settings = await getSettings(kv);
      assertEquals(settings.companyName, "ACME");
      assertEquals(settings.eula, { en: { version: "7", text: "Our terms.", privacy: DEFAULT_EULA.en.privacy } });
      assert(SettingsSchema.safeParse(settings).success, "what it wrote passes the settings schema");
      const [audit] = await listAudit(kv, { action: "settings.updated" });
      assertEquals(audit.details, { fields: ["eula"], migration: "eula_per_language", replacedDefault: false });

      // Done once: an admin's later change is not touched by a later boot.
      await kv.set(keys.settings(), { eula: { version: "8", text: "x" } });
      assertEquals(await migrate(kv), {});
    } finally {
      kv.close();
    }
  });
  await t.step("the older edge's untrue default becomes today's default in both languages", async () => {
    const kv = await Deno.openKv(":memory:");
    try {
      await kv.set(keys.settings(), { retentionDays: 9, eula: LEGACY_DEFAULT_EULA });
      assertEquals(await migrate(kv), { eula_per_language: 1 });
      const settings = await getSettings(kv);
      assertEquals([settings.retentionDays, settings.eula], [9, DEFAULT_EULA]);
      assertEquals(Object.keys(settings.eula), ["en", "de"]);
      assertFalse(/Nothing is recorded\./.test(JSON.stringify(settings.eula)));
    } finally {
      kv.close();
    }
  });
  await t.step("settings already per language, or none stored: nothing to change", async () => {
    const kv = await Deno.openKv(":memory:");
    try {
      assertEquals(await migrate(kv), {}, "a fresh KV");
      assertEquals((await kv.get(keys.settings())).value, null);
      const kv2 = await Deno.openKv(":memory:");
      try {
        const eula = { en: { version: "3", text: "T", privacy: "P" } };
        await kv2.set(keys.settings(), { eula });
        assertEquals(await migrate(kv2), {});
        assertEquals((await getSettings(kv2)).eula, eula);
      } finally {
        kv2.close();
      }
    } finally {
      kv.close();
    }
  });
});
