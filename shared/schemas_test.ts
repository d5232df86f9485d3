import assert from "node:assert/strict";
import {
  AdminSessionQuerySchema,
  CreateSessionBodySchema,
  DeliverySchema,
  PinSchema,
  SettingsPatchSchema,
  TechnicianCreateSchema,
} from "./schemas.ts";
import { roomName, sessionIdFromRoom } from "./constants.ts";

Deno.test("PinSchema accepts exactly six digits", () => {
  assert.ok(PinSchema.safeParse("012345").success);
  for (const bad of ["12345", "1234567", "12a456", " 123456", ""]) assert.ok(!PinSchema.safeParse(bad).success, bad);
});

Deno.test("CreateSessionBodySchema checks type, name and the delivery method's fields", () => {
  const ok = (v: unknown) => CreateSessionBodySchema.safeParse(v).success;
  assert.ok(ok({ type: "lens", name: "Alice", delivery: { method: "link" } }));
  assert.ok(ok({ type: "lens", name: "Alice", delivery: { method: "email-server", to: "a@b.example" } }));
  assert.ok(!ok({ type: "lens", name: "Alice", delivery: { method: "email-server", to: "not an email" } }));
  assert.ok(!ok({ type: "lens", name: "   ", delivery: { method: "link" } }));
  assert.ok(!ok({ type: "video", name: "Alice", delivery: { method: "link" } }));
  assert.ok(!ok({ type: "lens", name: "Alice", delivery: { method: "fax" } }));
});

Deno.test("roomName() and sessionIdFromRoom() round-trip", () => {
  assert.equal(sessionIdFromRoom(roomName("abc")), "abc");
  assert.equal(sessionIdFromRoom("other-room"), null);
});

Deno.test("TechnicianCreateSchema wants either a password or invite: true", () => {
  const base = { email: "t@example.test", name: "Tess", groupId: "g" };
  const ok = (v: unknown) => TechnicianCreateSchema.safeParse(v).success;
  assert.ok(ok({ ...base, password: "long-password" }));
  assert.ok(ok({ ...base, invite: true, locale: "de" }));
  assert.ok(!ok(base));
  assert.ok(!ok({ ...base, invite: false }));
  assert.ok(!ok({ ...base, password: "long-password", invite: true }));
  assert.ok(!ok({ ...base, password: "short" }));
});

Deno.test("AdminSessionQuerySchema coerces numbers from the query string and bounds the limit", () => {
  assert.deepEqual(AdminSessionQuerySchema.parse({ from: "5", limit: "7" }), { from: 5, limit: 7 });
  assert.equal(AdminSessionQuerySchema.parse({}).limit, 100);
  for (const bad of [{ limit: "1001" }, { limit: "0" }, { from: "x" }, { status: "paused" }]) {
    assert.ok(!AdminSessionQuerySchema.safeParse(bad).success, JSON.stringify(bad));
  }
});

Deno.test("SettingsPatchSchema refuses an empty patch and a partial EULA", () => {
  assert.ok(SettingsPatchSchema.safeParse({ retentionDays: 30 }).success);
  assert.ok(!SettingsPatchSchema.safeParse({}).success);
  assert.ok(!SettingsPatchSchema.safeParse({ eula: { version: "2" } }).success);
});

Deno.test("SettingsSchema holds the EULA and privacy notice per language, English required", () => {
  const en = { version: "2", text: "Terms", privacy: "Kept" };
  const de = { version: "5", text: "Bedingungen", privacy: "Gespeichert" };
  assert.deepEqual(SettingsPatchSchema.parse({ eula: { en, de } }), { eula: { en, de } });
  assert.deepEqual(SettingsPatchSchema.parse({ eula: { en } }), { eula: { en } }, "German may be left out");
  for (
    const eula of [
      { version: "2", text: "Terms" }, // an older edge's single EULA
      { de }, // no English fallback
      { en: { version: "2", text: "Terms" } }, // no privacy notice
      { en, de: { ...de, version: "  " } },
      { en, de: { ...de, privacy: "" } },
      { en, de: { ...de, privacy: "x".repeat(5_001) } },
    ]
  ) {
    assert.ok(!SettingsPatchSchema.safeParse({ eula }).success, JSON.stringify(eula).slice(0, 80));
  }
});

Deno.test("DeliverySchema accepts IANA time zones and refuses unknown ones", () => {
  const mail = { method: "email-server", to: "c@example.test", locale: "de" } as const;
  for (const timeZone of ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"]) {
    assert.ok(DeliverySchema.safeParse({ ...mail, timeZone }).success, timeZone);
  }
  for (const timeZone of ["Mars/Olympus_Mons", "Europe/Berlin ", "", "x".repeat(65), 60]) {
    const result = DeliverySchema.safeParse({ ...mail, timeZone });
    assert.ok(!result.success, String(timeZone));
  }
  assert.ok(DeliverySchema.safeParse(mail).success, "left out: the edge states UTC");
  assert.ok(!DeliverySchema.safeParse({ ...mail, locale: "fr" }).success);
});
