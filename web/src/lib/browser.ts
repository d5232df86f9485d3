/** What the customer's browser can do; decides between carrying on and the store fallback. */
export type BrowserProblem = "inApp" | "missing" | null;

const IN_APP = /FBAN|FBAV|FB_IAB|FBIOS|Messenger|Instagram|WhatsApp|LinkedInApp|GSA\/|\bLine\/|Snapchat|TikTok|\bwv\)/i;

export function browserProblem(nav: Navigator = navigator, win: typeof globalThis = globalThis): BrowserProblem {
  if (IN_APP.test(nav.userAgent)) return "inApp";
  const ok = win.isSecureContext && typeof nav.mediaDevices?.getUserMedia === "function" &&
    typeof win.RTCPeerConnection === "function";
  return ok ? null : "missing";
}

export type Platform = "ios" | "android" | "desktop";

export function platform(ua = navigator.userAgent): Platform {
  if (/iPhone|iPad|iPod/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)) return "ios";
  if (/Android/i.test(ua)) return "android";
  return "desktop";
}
