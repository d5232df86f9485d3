import { expect, test } from "@playwright/test";
import { roomName } from "../../shared/constants.ts";
import { selectedPairs } from "./ice_path.ts";
import { byRole, firefoxPhone, launchFirefox } from "./firefox.ts";
import { PICTURE, pictureOverlay, picturePoint } from "./picture_probe.ts";
import {
  createLinkAs,
  createTechnician,
  deskContext,
  inboundStat,
  publishedSources,
  roomService,
  signInConsole,
  startWaiting,
  sumInbound,
  waitAbove,
} from "./support.ts";

/**
 * The customer in Firefox ESR (puppeteer-core over WebDriver BiDi), the technician in Chromium
 * (Playwright): the whole way from the link to End.
 *
 * Firefox never pairs with a 127.0.0.1 media candidate (with LiveKit announcing only that, this test
 * stops after Accept: LiveKit reports the customer present only once media connects). It passes because
 * the run gives LiveKit a non-loopback media address (`mediaAddress`: the host end of the customer
 * network's veth pair, see tests/run.ts). Firefox runs on the host, not in that namespace: puppeteer-core
 * talks to Firefox's BiDi WebSocket on 127.0.0.1, which inside the namespace would be the namespace's own
 * loopback. From the host, Firefox reaches the veth address like any local address; the test prints the
 * pair it chose (`FIREFOX media <mDNS name>.local:… host → 10.231.….1:… host (udp)`).
 */
test("firefox customer: link, tutorial, camera, EULA, waiting, Start, live video and audio both ways, a drawing, End", async ({ browser }) => {
  const firefox = await launchFirefox();
  const technician = await deskContext(browser);
  try {
    const tech = await createTechnician();
    const desk = await technician.newPage();
    await signInConsole(desk, tech);
    const name = `Firefox ${Date.now() % 10000}`;
    const { link, session } = await createLinkAs(desk, name);

    const phone = await firefoxPhone(firefox);
    await phone.goto(link);
    for (const n of [1, 2, 3]) {
      await phone.waitForSelector(`::-p-text(Step ${n} of 3)`);
      await phone.locator(byRole("button", n < 3 ? "Next" : "OK")).click();
    }
    await phone.locator(byRole("button", "Allow camera and microphone")).click();
    await phone.waitForSelector(byRole("heading", "End user license agreement"));
    // The preview plays Firefox's fake camera before anything is sent.
    const preview = 'video[aria-label="Your camera preview (not transmitted yet)"]';
    await expect.poll(() => phone.$eval(preview, (v) => (v as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
    await phone.locator(byRole("button", "Accept")).click();
    await phone.waitForSelector(byRole("heading", "Waiting for your technician")).catch((cause) => {
      const why = process.env.CUSTOMER_NETWORK_ERROR
        ? ` (customer network: ${process.env.CUSTOMER_NETWORK_ERROR})`
        : "";
      throw new Error(`Firefox never got to Waiting: can its media reach LiveKit's media address?${why}`, { cause });
    });

    await startWaiting(desk, name);
    await expect.poll(() => desk.getByLabel("Customer camera").evaluate((v: HTMLVideoElement) => v.videoWidth), {
      timeout: 20_000,
    }).toBeGreaterThan(0);
    const frames0 = await inboundStat(desk, "video", "framesDecoded");
    await desk.waitForTimeout(3000);
    const frames1 = await inboundStat(desk, "video", "framesDecoded");
    expect(frames1 - frames0, "frames of Firefox's camera decoded by the console in 3 s").toBeGreaterThanOrEqual(30);
    await phone.waitForSelector("::-p-text(Camera is live)");
    // Media takes a non-loopback address: the one the field needs, and the only one Firefox pairs with.
    const pairs = await phone.evaluate(selectedPairs);
    for (const p of pairs) console.log(`FIREFOX media ${p.local} → ${p.remote} (${p.protocol})`);
    expect(pairs.length, "a selected ICE candidate pair in Firefox").toBeGreaterThan(0);
    for (const p of pairs) expect(p.remote, "LiveKit's media address").not.toMatch(/^(127\.|::1|\[::1\])/);
    expect(await publishedSources(session.id)).toEqual([1, 2]); // TrackSource.CAMERA, TrackSource.MICROPHONE

    // Audio both ways: Firefox's microphone to the console, the technician's to Firefox.
    const phoneAudio = () => phone.evaluate(sumInbound, ["audio", "packetsReceived"] as const);
    const deskAudio = await waitAbove(() => inboundStat(desk, "audio", "packetsReceived"), 0);
    const heard = await waitAbove(phoneAudio, 0);
    await waitAbove(() => inboundStat(desk, "audio", "packetsReceived"), deskAudio);
    await waitAbove(phoneAudio, heard);

    // An arrow the technician places shows on Firefox's picture at the same spot (pinned: the fake
    // camera's moving picture would carry an anchored one along).
    await desk.getByRole("button", { name: "Pin to screen" }).click();
    await desk.getByRole("button", { name: "Arrow" }).click();
    const { x, y } = await desk.evaluate(picturePoint, [PICTURE.desk.stage, 0.3, 0.4] as const);
    await desk.mouse.click(x, y);
    const arrowAt = (u: number, v: number) => phone.evaluate(pictureOverlay, [PICTURE.phone.stage, u, v] as const);
    await expect.poll(async () => (await arrowAt(0.3, 0.4)).yellow, { message: "arrow tip in Firefox" }).toBe(true);
    expect((await arrowAt(0.8, 0.2)).yellow, "no paint far from the arrow").toBe(false);
    await phone.screenshot({ path: test.info().outputPath("firefox-live.png") });

    // The customer ends it in Firefox; the console says so and the room is gone.
    await phone.locator(byRole("button", "End")).click();
    await phone.locator(byRole("button", "End session")).click();
    await phone.waitForSelector(byRole("heading", "The session has ended"));
    await expect(desk.getByText("The customer ended the session.")).toBeVisible();
    await expect.poll(async () => (await roomService().listRooms([roomName(session.id)])).length).toBe(0);
  } catch (err) {
    // Playwright's screenshot on failure shows the console only; this is the customer's side.
    const [phone] = (await firefox.pages()).slice(-1);
    await phone?.screenshot({ path: test.info().outputPath("firefox-failed.png") }).catch(() => {});
    throw err;
  } finally {
    await firefox.close();
    await technician.close();
  }
});
