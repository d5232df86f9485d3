import type { consoleEn } from "./console_en.ts";
import type { liveEn } from "./live_en.ts";
import type { reportEn } from "./report_en.ts";
import type { sessionEn } from "./session_en.ts";

/** English UI text; `de.ts` has the same keys. `{name}` placeholders are filled by `t()`. */
export const en = {
  "app.name": "Sightline",
  "lang.label": "Language",
  "common.loading": "Loading…",
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.copy": "Copy",
  "common.copied": "Copied",
  "pwa.updateReady": "A new version of this page is ready.",
  "pwa.install": "Add Sightline to your home screen",
  "pwa.update": "Update",
  "error.network": "No connection to the server. Check your internet connection and try again.",
  "error.generic": "Something went wrong. Please try again.",

  // customer
  "customer.pin.title": "Connect to your technician",
  "customer.pin.intro": "Enter the six-digit PIN your technician gave you.",
  "customer.pin.label": "PIN",
  "customer.pin.connect": "Connect",
  "customer.pin.invalid": "The PIN has six digits.",
  "customer.pin.notFound": "This PIN is unknown, expired or already used. Ask your technician for a new one.",
  "customer.pin.throttled": "Too many attempts. Please wait {seconds} seconds and try again.",
  "customer.checking": "Checking your link…",
  "customer.tutorial.title": "How it works",
  "customer.tutorial.step1": "Your technician will see what your camera sees — nothing else on your phone.",
  "customer.tutorial.step2": "You talk with each other through your phone, like a call.",
  "customer.tutorial.step3": "Point the camera at the problem. You can end the session at any time.",
  "customer.tutorial.stepOf": "Step {n} of {total}",
  "customer.tutorial.skip": "Skip",
  "customer.tutorial.next": "Next",
  "customer.tutorial.ok": "OK",
  "customer.permission.title": "Camera and microphone",
  "customer.permission.why":
    "To help you, your technician needs to see through your camera and talk with you. Your browser will ask for permission. Nothing is sent until your technician starts the session.",
  "customer.permission.allow": "Allow camera and microphone",
  "customer.permission.asking": "Waiting for your answer in the browser prompt…",
  "customer.permission.denied": "Camera or microphone access was blocked.",
  "customer.permission.noCamera": "No camera was found on this device.",
  "customer.permission.inUse": "The camera is used by another app. Close that app and try again.",
  "customer.permission.retry": "Try again",
} as const;

/** Every message key: the customer app's first screens here, the live session's in `live_en.ts`, the console's in `console_en.ts`. */
export type MessageKey =
  | keyof typeof en
  | keyof typeof sessionEn
  | keyof typeof liveEn
  | keyof typeof consoleEn
  | keyof typeof reportEn;
