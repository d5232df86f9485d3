import assert from "node:assert/strict";
import { browserFamily, browserProblem } from "./browser.ts";

const capable = { isSecureContext: true, RTCPeerConnection: function () {} } as unknown as typeof globalThis;
const nav = (userAgent: string, getUserMedia = true) =>
  ({ userAgent, mediaDevices: getUserMedia ? { getUserMedia() {} } : undefined }) as unknown as Navigator;

Deno.test("browserProblem() detects in-app browsers by user agent", () => {
  const uas = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 [FBAN/FBIOS;FBAV/440.0]",
    "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A; wv) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 WhatsApp/2.24",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 300.0",
  ];
  for (const ua of uas) assert.equal(browserProblem(nav(ua), capable), "inApp", ua);
});

Deno.test("browserProblem() accepts Chrome and Safari with WebRTC and names the piece that is missing", () => {
  const chrome = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
  assert.equal(browserProblem(nav(chrome), capable), null);
  assert.equal(browserProblem(nav(chrome, false), capable), "noCamera");
  const insecure = { ...capable, isSecureContext: false } as typeof globalThis;
  assert.equal(browserProblem(nav(chrome, false), insecure), "insecure", "no secure context hides the camera too");
  const noWebRTC = { isSecureContext: true } as unknown as typeof globalThis;
  const webkitGtk =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15";
  assert.equal(browserProblem(nav(webkitGtk), noWebRTC), "noWebRTC");
});

Deno.test("browserFamily() tells the browsers whose camera settings the help shows", () => {
  const cases: [string, number, string][] = [
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
      5,
      "chrome-android",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0 Mobile Safari/537.36",
      5,
      "samsung",
    ],
    ["Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0", 5, "firefox"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", 0, "firefox"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
      5,
      "safari-ios",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15",
      5,
      "safari-ios",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 CriOS/120.0 Mobile/15E148 Safari/604.1",
      5,
      "ios-app",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", 0, "desktop"],
  ];
  for (const [ua, touch, family] of cases) assert.equal(browserFamily(ua, touch), family, ua);
});
