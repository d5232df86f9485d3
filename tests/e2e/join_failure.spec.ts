import { expect, test } from "@playwright/test";
import * as api from "../../shared/api.ts";
import { apiTechnician, look, phoneContext } from "./support.ts";

/** The technician's view of the session in their list, through the API. */
async function listed(tech: Awaited<ReturnType<typeof apiTechnician>>, id: string) {
  return (await tech.client.call(api.listSessions)).sessions.find((s) => s.id === id)!;
}

test("Accept after a failed join gets back in with the saved customer key; the technician saw why", async ({ browser }) => {
  const tech = await apiTechnician();
  const { session, link } = await tech.createLink("Broken join");
  const customer = await phoneContext(browser);
  const phone = await customer.newPage();
  // The media server's signal connection fails while `broken`, as on a network that drops it.
  let broken = true;
  await phone.routeWebSocket(/\/rtc/, (ws) => broken ? ws.close() : ws.connectToServer());
  const posted: string[] = [];
  phone.on("request", (r) => r.method() === "POST" && posted.push(new URL(r.url()).pathname));

  await phone.goto(link);
  await phone.getByRole("button", { name: "Skip" }).click();
  await phone.getByRole("button", { name: "Allow camera and microphone" }).click();
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("alert")).toContainText("The video service cannot be reached right now");
  await look(phone, "customer-join-failed");
  await expect.poll(async () => (await listed(tech, session.id)).customerProgress?.reason).toBe("media-server");

  broken = false;
  await phone.getByRole("button", { name: "Accept" }).click();
  await expect(phone.getByRole("heading", { name: "Waiting for your technician" })).toBeVisible();
  expect(posted.filter((p) => p.endsWith("/accept")), "the used-up PIN is not sent again").toHaveLength(1);
  expect(posted).toContain(api.rejoinSession.path);
  await tech.waitForStatus(session.id, "waiting");
  expect((await listed(tech, session.id)).customerProgress, "cleared once the customer is in").toBeNull();

  expect((await tech.start(session.id)).status()).toBe(200);
  await expect(phone.getByText("Camera is live")).toBeVisible();
  await tech.end(session.id);
  await customer.close();
  await tech.dispose();
});
