import { assertEquals } from "../testing/assert.ts";
import { adminApp, tokenFrom } from "../testing/admin_app.ts";
import type { Technician } from "@sightline/shared";

const HOUR = 60 * 60 * 1000;

Deno.test("`POST /api/auth/set-password` works once, not twice", async () => {
  await using t = await adminApp();
  const g = await t.group();
  const tech = await t.call<Technician>(201, "/api/admin/technicians", {
    method: "POST",
    json: { email: "ines@example.test", name: "Ines", groupId: g.id, invite: true },
  });
  const token = tokenFrom(t.recorder.mails[0]);

  await t.fails(400, "validation_failed", "/api/auth/set-password", {
    method: "POST",
    json: { token, password: "short" },
  });
  await t.fails(404, "password_token_not_found", "/api/auth/set-password", {
    method: "POST",
    json: { token: "x".repeat(43), password: "new-password-1" },
  });
  assertEquals(
    await t.call(200, "/api/auth/set-password", { method: "POST", json: { token, password: "new-password-1" } }),
    {
      ok: true,
    },
  );
  assertEquals((await t.login("ines@example.test", "new-password-1")).status, 200);
  assertEquals((await t.call<Technician>(200, `/api/admin/technicians/${tech.id}`)).passwordSet, true);

  await t.fails(404, "password_token_not_found", "/api/auth/set-password", {
    method: "POST",
    json: { token, password: "other-password-2" },
  });
  assertEquals((await t.login("ines@example.test", "other-password-2")).status, 401);
  // Browser-facing: needs our Origin like every other state-changing call.
  await t.fails(403, "forbidden_origin", "/api/auth/set-password", {
    method: "POST",
    json: { token, password: "new-password-1" },
    headers: { origin: "https://evil.example" },
  });
});

Deno.test("`POST /api/auth/set-password` refuses a link older than 72 hours", async () => {
  await using t = await adminApp();
  const g = await t.group();
  for (const email of ["a@example.test", "b@example.test"]) {
    await t.call(201, "/api/admin/technicians", {
      method: "POST",
      json: { email, name: "Ines", groupId: g.id, invite: true },
    });
  }
  const [first, second] = t.recorder.mails.map(tokenFrom);
  t.clock.advance(72 * HOUR);
  await t.call(200, "/api/auth/set-password", { method: "POST", json: { token: first, password: "new-password-1" } });
  t.clock.advance(1);
  await t.fails(400, "password_token_expired", "/api/auth/set-password", {
    method: "POST",
    json: { token: second, password: "new-password-1" },
  });
  assertEquals((await t.login("b@example.test", "new-password-1")).status, 401);
});
