/**
 * What keeps the customer's browser from the job, named so the app can say which piece is missing: an
 * in-app browser, no secure context (so no camera), no `getUserMedia`, no `RTCPeerConnection` (WebRTC;
 * Debian's WebKitGTK, for one, is built without it). Null: the browser can do it.
 */
export type BrowserProblem = "inApp" | "insecure" | "noCamera" | "noWebRTC" | null;

const IN_APP = /FBAN|FBAV|FB_IAB|FBIOS|Messenger|Instagram|WhatsApp|LinkedInApp|GSA\/|\bLine\/|Snapchat|TikTok|\bwv\)/i;

export function browserProblem(nav: Navigator = navigator, win: typeof globalThis = globalThis): BrowserProblem {
  if (IN_APP.test(nav.userAgent)) return "inApp";
  // Outside a secure context browsers hide `mediaDevices` too, so this is the problem to name first.
  if (!win.isSecureContext) return "insecure";
  if (typeof nav.mediaDevices?.getUserMedia !== "function") return "noCamera";
  if (typeof win.RTCPeerConnection !== "function") return "noWebRTC";
  return null;
}

export type Platform = "ios" | "android" | "desktop";

export function platform(ua = navigator.userAgent): Platform {
  if (/iPhone|iPad|iPod/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)) return "ios";
  if (/Android/i.test(ua)) return "android";
  return "desktop";
}
