import { expect, test } from "@playwright/test";
import { apiTechnician, baseURL, patchSettings } from "./support.ts";
import { screenshot, startWebKit } from "./webkit.ts";

/**
 * WebRTC, stood in for from outside the app: a constructor that throws, so the browser check passes
 * and anything that would really need WebRTC fails loudly. Run on the PIN form through WebDriver's
 * Execute Script, which reaches the page's own globals: the app checks the browser only after
 * **Connect**, so the stand-in is there in time without a script before the page (which this
 * WebKitWebDriver cannot run, see webkit.ts).
 */
const STAND_IN_WEBRTC = `
  globalThis.RTCPeerConnection = class RTCPeerConnection {
    constructor() { throw new Error("This WebKitGTK has no WebRTC; the test stood in for it up to the EULA only"); }
  };
  return typeof RTCPeerConnection;
`;

/** WebDriver's key codes: Control (held until released) and the release of every held key. */
const CONTROL = "\uE009";
const RELEASE_KEYS = "\uE000";

test("webkit customer: typed PIN, tutorial, camera permission with the mock camera, preview and EULA; Decline ends it", async () => {
  const tech = await apiTechnician();
  const { pin, session } = await tech.createLink("WebKit");
  const phone = await startWebKit();
  try {
    await phone.navigate(`${baseURL}/`);
    await phone.waitForRole("heading", "Connect to your technician");
    expect(await phone.execute<string>("return typeof RTCPeerConnection"), "Debian's WebKitGTK has no WebRTC")
      .toBe("undefined");
    expect(await phone.execute<string>(STAND_IN_WEBRTC)).toBe("function");
    await phone.type(await phone.waitForRole("textbox", "PIN"), pin);
    await phone.clickRole("button", "Connect");

    await phone.waitForRole("heading", "How it works");
    for (const n of [1, 2, 3]) {
      await expect.poll(() => phone.text()).toContain(`Step ${n} of 3`);
      await phone.clickRole("button", n < 3 ? "Next" : "OK");
    }
    await phone.waitForRole("heading", "Camera and microphone");
    await phone.clickRole("button", "Allow camera and microphone");

    // The EULA over the local preview: WebKit's mock camera, playing, nothing sent.
    await phone.waitForRole("heading", "End user license agreement");
    const preview = () =>
      phone.execute<{ width: number; label: string; playing: boolean }>(`
        const v = document.querySelector('video[aria-label="Your camera preview (not transmitted yet)"]');
        const track = v?.srcObject?.getVideoTracks()[0];
        return { width: v?.videoWidth ?? 0, label: track?.label ?? "", playing: !!v && !v.paused };
      `);
    await expect.poll(async () => (await preview()).width, { message: "preview frames" }).toBeGreaterThan(0);
    const shown = await preview();
    expect(shown.label, "the camera is WebKit's mock camera").toMatch(/mock/i);
    expect(shown.playing).toBe(true);
    await phone.waitForRole("button", "Accept");
    await screenshot(phone, "webkit-eula");

    await phone.clickRole("button", "Decline");
    await phone.waitForRole("heading", "The session has ended");
    expect(await phone.text()).toContain("You declined the license agreement. Nothing was transmitted.");
    await tech.waitForStatus(session.id, "ended");
  } finally {
    await phone.close();
    await tech.dispose();
  }
});

test("webkit customer: the browser check names the missing WebRTC and offers the App Store link and Copy link", async () => {
  const appStore = "https://apps.example/app/sightline";
  await patchSettings({ storeUrls: { android: "https://play.example/store/sightline", ios: appStore } });
  const tech = await apiTechnician();
  const { link } = await tech.createLink("WebKit check");
  const phone = await startWebKit();
  try {
    await phone.navigate(link);
    await phone.waitForRole("heading", "This browser cannot show your camera");
    expect(await phone.text()).toContain("This browser cannot make live video calls: it has no WebRTC.");
    const store = await phone.waitForRole("link", "Get the app on the App Store");
    expect(await phone.attribute(store, "href")).toBe(appStore);
    await screenshot(phone, "webkit-browser-check");

    await phone.clickRole("button", "Copy link");
    await phone.waitForRole("button", "Copied");
    // The page may not read the clipboard back, but a person may paste it: Ctrl+V into a blank page.
    await phone.navigate("data:text/html,<textarea aria-label=Paste></textarea>");
    await phone.type(await phone.waitForRole("textbox", "Paste"), `${CONTROL}v${RELEASE_KEYS}`);
    expect(await phone.execute<string>("return document.querySelector('textarea').value"), "the clipboard")
      .toBe(link);
  } finally {
    await phone.close();
    await patchSettings({ storeUrls: { android: null, ios: null } });
    await tech.dispose();
  }
});
