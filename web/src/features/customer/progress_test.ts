import assert from "node:assert/strict";
import * as api from "../../../../shared/customer_api.ts";
import { ApiError } from "../../lib/api.ts";
import { refusal, settle } from "../../testing/fakes.ts";
import { AGREED, customerHarness, INFO, link, LIVEKIT } from "./testing.ts";

const SECRET = "s".repeat(43);

Deno.test("the customer's steps reach the technician's list in order, with the link's secret", async () => {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  h.edge.answer(api.reportLinkProgress, { ok: true });
  await h.model.start(link("123456", SECRET));
  h.model.nextTutorialStep();
  h.model.skipTutorial();
  h.media.fail = "NotAllowedError";
  await h.model.requestCamera();
  h.media.fail = null;
  await h.model.requestCamera();
  await settle();
  const sent = h.edge.callsOf(api.reportLinkProgress);
  assert.deepEqual(sent.map((c) => (c.body as unknown as { event: string }).event), [
    "link-opened",
    "tutorial",
    "camera-denied",
    "camera-allowed",
    "eula-shown",
  ]);
  assert.deepEqual(sent[0], { params: { pin: "123456" }, body: { event: "link-opened", linkSecret: SECRET } });
});

Deno.test("a typed PIN reports without a secret; a refused report changes nothing for the customer", async () => {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  h.edge.answer(api.reportLinkProgress, refusal(429, "rate_limited", 30));
  await h.model.start({ pathname: "/", hash: "" });
  await h.model.submitPin("123456");
  await settle();
  assert.deepEqual(h.model.screen.value, { name: "tutorial", step: 0 });
  assert.deepEqual(h.edge.callsOf(api.reportLinkProgress).map((c) => c.body), [
    { event: "link-opened" },
    { event: "tutorial" },
  ]);
});

Deno.test("after Accept the PIN is claimed: no more reports by PIN", async () => {
  const h = customerHarness();
  h.edge.answer(api.lookUpPin, INFO);
  h.edge.answer(api.reportLinkProgress, { ok: true });
  h.edge.answer(api.acceptEula, { sessionId: "s1", customerKey: "key-1", livekit: LIVEKIT });
  await h.model.start(link("123456", SECRET));
  h.model.skipTutorial();
  await h.model.requestCamera();
  await h.model.accept(AGREED);
  const before = h.edge.callsOf(api.reportLinkProgress).length;
  h.media.fail = "NotAllowedError";
  await h.model.requestCamera();
  await settle();
  assert.equal(h.edge.callsOf(api.reportLinkProgress).length, before);
  assert.equal(before, 4);
});

Deno.test("a link that no longer works opens the page that says why and names the company", async () => {
  for (const reason of ["expired", "used", "cancelled", "replaced"] as const) {
    const h = customerHarness();
    h.edge.answer(
      api.lookUpPin,
      new ApiError(404, "pin_not_found", "gone", null, { reason, companyName: "Acme" }),
    );
    await h.model.start(link("123456", SECRET));
    assert.deepEqual(h.model.screen.value, { name: "gone", reason, companyName: "Acme" });
    assert.equal(h.edge.callsOf(api.reportLinkProgress).length, 0);
  }
  const typed = customerHarness();
  typed.edge.answer(api.lookUpPin, refusal(404, "pin_not_found"));
  await typed.model.start({ pathname: "/", hash: "" });
  await typed.model.submitPin("123456");
  assert.deepEqual(typed.model.screen.value, { name: "pin", problem: "notFound", retryAfterSeconds: undefined });
});
