/**
 * English text of the customer's session screens after the camera prompt (EULA, waiting, the end) and of
 * the rare ones before it (a browser that cannot do the job, a link that no longer works, a blocked camera),
 * loaded with those screens so that it is not part of the customer's first download.
 */
export const sessionEn = {
  "customer.preview": "Your camera preview (not transmitted yet)",
  "customer.preview.notShared": "Not shared yet",
  "customer.permission.howTo": "How to allow the camera again",
  "customer.permission.help.chrome-android":
    "In Chrome: tap the icon left of the address (two sliders or a lock), open Permissions and turn on Camera and Microphone.",
  "customer.permission.help.samsung":
    "In Samsung Internet: tap the menu (☰) › Settings › Sites and downloads › Site permissions, then allow Camera and Microphone for this site.",
  "customer.permission.help.firefox":
    "In Firefox: tap or click the lock left of the address and allow Camera and Microphone (or remove “Blocked”).",
  "customer.permission.help.safari-ios":
    "In Safari: tap aA (or the page menu) in the address bar › Website Settings, and set Camera and Microphone to Allow.",
  "customer.permission.help.ios-app": "Open the Settings app, choose this browser and allow Camera and Microphone.",
  "customer.permission.help.desktop": "Click the icon left of the address and allow camera and microphone.",
  "customer.permission.reloadHint": "Reload the page after changing it.",
  "customer.permission.reload": "Reload",
  "customer.eula.title": "End user license agreement",
  "customer.eula.accept": "Accept",
  "customer.eula.decline": "Decline",
  "customer.eula.privacy": "Privacy",
  "customer.eula.fallback": "This agreement is not available in your language, so it is shown in English.",
  "customer.eula.joining": "Connecting…",
  "customer.join.relaying": "This network blocks video calls — trying another way…",
  "customer.join.blocked": "This network blocks video calls — try mobile data or another Wi-Fi, then tap Accept again.",
  "customer.join.unreachable":
    "The video service cannot be reached right now. Check your connection and tap Accept again.",
  "customer.waiting.title": "Waiting for your technician",
  "customer.waiting.body": "{technician} from {company} will start the session shortly. Keep this page open.",
  "customer.ended.title": "The session has ended",
  "customer.ended.technician": "Your technician ended the session.",
  "customer.ended.customer": "You ended the session.",
  "customer.ended.declined": "You declined the license agreement. Nothing was transmitted.",
  "customer.ended.other": "The connection was closed. If you still need help, ask your technician for a new link.",
  "customer.ended.thanks": "Thank you. You can close this page.",
  "customer.gone.expired.title": "This link has expired",
  "customer.gone.expired.body":
    "Links from {company} work for a short time only. Please ask your technician for a new link.",
  "customer.gone.used.title": "This link has already been used",
  "customer.gone.used.body":
    "A session with {company} was already started with this link. If you still need help, ask your technician for a new link.",
  "customer.gone.cancelled.title": "This session was cancelled",
  "customer.gone.cancelled.body":
    "Your technician at {company} cancelled this session. If you still need help, ask your technician for a new link.",
  "customer.gone.replaced.title": "There is a newer link",
  "customer.gone.replaced.body":
    "{company} sent you a newer link. Please use that one, or ask your technician for a new link.",
  "customer.gone.close": "You can close this page.",
  "customer.unsupported.title": "This browser cannot show your camera",
  "customer.unsupported.inApp":
    "You opened the link inside another app. Open it in Safari (iPhone) or Chrome (Android) instead: tap the menu and choose “Open in browser”.",
  "customer.unsupported.insecure":
    "This page was not opened over a secure connection (https), so the browser keeps the camera off. Open the link exactly as you received it, in a current Safari (iPhone) or Chrome (Android).",
  "customer.unsupported.noCamera":
    "This browser does not let web pages use the camera. Open the link in a current Safari (iPhone) or Chrome (Android).",
  "customer.unsupported.noWebRTC":
    "This browser cannot make live video calls: it has no WebRTC. Open the link in a current Safari (iPhone) or Chrome (Android).",
  "customer.unsupported.copy": "Copy link",
  "customer.unsupported.storeIntro": "Or install our app and enter the PIN there:",
  "customer.unsupported.appStore": "Get the app on the App Store",
  "customer.unsupported.googlePlay": "Get the app on Google Play",
} as const;
