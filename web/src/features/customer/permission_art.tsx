/**
 * Where each browser keeps the camera setting, drawn as a phone: the address bar (at the bottom in Safari),
 * the control to tap ringed, and the setting it opens with Camera switched on. No words in the pictures —
 * the step text beside them says it in the customer's language.
 */
import type { BrowserFamily } from "../../lib/browser.ts";

type Control = "sliders" | "lock" | "aa" | "menu" | "gear";

const CONTROL: Record<BrowserFamily, Control> = {
  "chrome-android": "sliders",
  samsung: "menu",
  firefox: "lock",
  "safari-ios": "aa",
  "ios-app": "gear",
  desktop: "lock",
};

/** The control's glyph, centred on (x, y). */
function Glyph({ control, x, y }: { control: Control; x: number; y: number }) {
  if (control === "sliders") {
    return (
      <>
        <path d={`M${x - 5} ${y - 3}h10M${x - 5} ${y + 3}h10`} class="ill-line" />
        <circle cx={x - 2} cy={y - 3} r="2" class="ill-dot" />
        <circle cx={x + 2} cy={y + 3} r="2" class="ill-dot" />
      </>
    );
  }
  if (control === "lock") {
    return (
      <>
        <rect x={x - 4} y={y - 1} width="8" height="6" rx="1" class="ill-line" />
        <path d={`M${x - 2.5} ${y - 1}v-2a2.5 2.5 0 0 1 5 0v2`} class="ill-line" />
      </>
    );
  }
  if (control === "aa") {
    return <path d={`M${x - 6} ${y + 4}l2.5 -6l2.5 6M${x} ${y + 4}l3.5 -9l3.5 9`} class="ill-line" />;
  }
  if (control === "menu") {
    return <path d={`M${x - 5} ${y - 4}h10M${x - 5} ${y}h10M${x - 5} ${y + 4}h10`} class="ill-line" />;
  }
  return <circle cx={x} cy={y} r="4" class="ill-line" />;
}

export function PermissionArt({ family }: { family: BrowserFamily }) {
  const control = CONTROL[family];
  const bottom = family === "safari-ios" || family === "samsung";
  // The address bar's control: left in the bar, or the menu at the bottom right in Samsung Internet.
  const bar = bottom ? 70 : 12;
  const [x, y] = family === "samsung" ? [84, 80] : family === "ios-app" ? [60, 44] : [44, bar + 6];
  return (
    <svg viewBox="0 0 120 90" width="160" height="120" aria-hidden="true" class="illustration">
      <rect x="30" y="4" width="60" height="84" rx="8" class="ill-stroke" />
      {family !== "ios-app" && <rect x="36" y={bar} width="48" height="12" rx="6" class="ill-soft" />}
      {family === "samsung" && <rect x="36" y="12" width="48" height="10" rx="5" class="ill-soft" />}
      <circle cx={x} cy={y} r="8" class="ill-ring" />
      <Glyph control={control} x={x} y={y} />
      {/* The setting it opens: a camera with its switch on. */}
      <g transform={bottom ? "translate(0 -34)" : undefined}>
        <rect x="36" y="54" width="48" height="20" rx="4" class="ill-panel" />
        <rect x="41" y="60" width="11" height="8" rx="2" class="ill-accent" />
        <path d="M52 64l4 -3v6z" class="ill-accent" />
        <rect x="64" y="59" width="16" height="10" rx="5" class="ill-accent" />
        <circle cx="75" cy="64" r="3.5" class="ill-knob" />
      </g>
    </svg>
  );
}
