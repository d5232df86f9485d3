/**
 * English text of the customer's session screens after the camera prompt (EULA, waiting, the end), loaded
 * with those screens so that it is not part of the customer's first download.
 */
export const sessionEn = {
  "customer.preview": "Your camera preview (not transmitted yet)",
  "customer.preview.notShared": "Not shared yet",
  "customer.eula.title": "End user license agreement",
  "customer.eula.accept": "Accept",
  "customer.eula.decline": "Decline",
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
} as const;
