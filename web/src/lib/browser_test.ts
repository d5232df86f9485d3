import assert from "node:assert/strict";
import { browserProblem } from "./browser.ts";

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

Deno.test("browserProblem() accepts Chrome and Safari with WebRTC, refuses without getUserMedia", () => {
  const chrome = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
  assert.equal(browserProblem(nav(chrome), capable), null);
  assert.equal(browserProblem(nav(chrome, false), capable), "missing");
  const insecure = { ...capable, isSecureContext: false } as typeof globalThis;
  assert.equal(browserProblem(nav(chrome), insecure), "missing");
});
