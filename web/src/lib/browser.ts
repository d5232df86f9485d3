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

/** The browsers whose settings the denied-camera help shows; others get the nearest match. */
export type BrowserFamily = "chrome-android" | "samsung" | "firefox" | "safari-ios" | "ios-app" | "desktop";

/** Which browser's settings to show: Samsung Internet and Firefox by name, then by platform. */
export function browserFamily(ua = navigator.userAgent, touchPoints = navigator.maxTouchPoints): BrowserFamily {
  const ios = /iPhone|iPad|iPod/i.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1);
  // On iOS every browser is WebKit, and only Safari has its own site settings; the others use iOS Settings.
  if (ios) return /CriOS|FxiOS|EdgiOS|OPiOS/.test(ua) ? "ios-app" : "safari-ios";
  if (/SamsungBrowser/.test(ua)) return "samsung";
  if (/Firefox\//.test(ua)) return "firefox";
  return /Android/i.test(ua) ? "chrome-android" : "desktop";
}
