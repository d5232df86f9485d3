import { Hono } from "hono";
import { assert, assertEquals } from "../testing/assert.ts";
import { clearLoginCookie, setLoginCookie } from "./auth.ts";
import { ADMIN_TOKEN, testApp } from "../testing/app.ts";

Deno.test("admin routes need the bearer token", async () => {
  using t = await testApp();
  assertEquals((await t.request("/api/admin/settings")).status, 401);
  const ok = await t.request("/api/admin/settings", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assertEquals(ok.status, 200);
});

Deno.test("on https the sign-in cookie and its hint are __Host- and Secure; cleared the same way", async () => {
  const app = new Hono()
    .get("/in", (c) => (setLoginCookie(c, "token"), c.text("")))
    .get("/out", (c) => (clearLoginCookie(c), c.text("")));
  const signedIn = (await app.request("https://sightline.example/in")).headers.getSetCookie();
  assertEquals(signedIn, [
    "__Host-sightline=token; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Strict",
    "__Host-sightline-console=1; Max-Age=43200; Path=/; Secure; SameSite=Strict",
  ]);
  const out = (await app.request("https://sightline.example/out")).headers.getSetCookie();
  assertEquals(out.map((c) => c.split("=")[0]), ["__Host-sightline", "__Host-sightline-console"]);
  assert(out.every((c) => /Max-Age=0/.test(c) && /Secure/.test(c)));
});
