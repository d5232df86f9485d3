import assert from "node:assert/strict";
import * as api from "./api.ts";
import { PIN_LENGTH } from "./constants.ts";

Deno.test("pathOf() fills and encodes path parameters", () => {
  assert.equal(api.pathOf(api.startSession, { id: "abc" }), "/api/sessions/abc/start");
  assert.equal(api.pathOf(api.lookUpPin, { pin: "12/34" }), "/api/join/12%2F34");
  assert.equal(api.pathOf(api.me, {}), "/api/me");
});

Deno.test("customerLink() and parseCustomerLink() round-trip a PIN and its link secret", () => {
  const pin = "0".repeat(PIN_LENGTH - 1) + "7";
  const url = new URL(api.customerLink("https://help.example.com", pin, "s3cret-s3cret-s3cret"));
  assert.equal(url.origin, "https://help.example.com");
  assert.deepEqual(api.parseCustomerLink(url), { pin, linkSecret: "s3cret-s3cret-s3cret" });
  assert.deepEqual(api.parseCustomerLink({ pathname: `/j/${pin}/`, hash: "" }), { pin });
  for (const pathname of ["/", "/j/", `/j/${pin}1`, `/j/${pin.slice(1)}`, `/x/${pin}`, "/j/abcdef"]) {
    assert.equal(api.parseCustomerLink({ pathname, hash: "#k=x" }), null, pathname);
  }
});

Deno.test("maskPins() hides every PIN-shaped run of digits", () => {
  assert.equal(api.maskPins("/j/123456/x/654321"), "/j/******/x/******");
  assert.equal(api.maskPins("/j/12345"), "/j/12345");
});

Deno.test("setPasswordLink() carries its token in the fragment", () => {
  const url = new URL(api.setPasswordLink("https://help.example.com", "tok-tok"));
  assert.equal(url.pathname, api.SET_PASSWORD_PAGE);
  assert.equal(api.setPasswordToken(url.hash), "tok-tok");
  assert.equal(api.setPasswordToken(""), "");
});

Deno.test("every route has a unique method and path", () => {
  const routes = (Object.values(api) as unknown[]).filter((v): v is api.Route =>
    typeof v === "object" && v !== null && "path" in v && "method" in v
  );
  const seen = new Set(routes.map((r) => `${r.method} ${r.path}`));
  assert.equal(seen.size, routes.length);
  assert.ok(routes.length >= 35, `${routes.length} routes`);
});
