/** Inline SVG illustrations for the tutorial steps (no network requests, no inline styles). */
const common = { viewBox: "0 0 120 90", width: 160, height: 120, "aria-hidden": true, class: "illustration" } as const;

export function PhoneCameraArt() {
  return (
    <svg {...common}>
      <rect x="38" y="8" width="44" height="74" rx="7" class="ill-stroke" />
      <circle cx="60" cy="40" r="12" class="ill-accent" />
      <circle cx="60" cy="40" r="5" class="ill-fill" />
      <path d="M86 34 l22 -10 v32 l-22 -10z" class="ill-soft" />
    </svg>
  );
}

export function TalkArt() {
  return (
    <svg {...common}>
      <rect x="10" y="14" width="56" height="34" rx="10" class="ill-accent" />
      <path d="M24 48 l-6 14 l18 -14z" class="ill-accent" />
      <rect x="54" y="40" width="56" height="30" rx="10" class="ill-soft" />
      <path d="M96 70 l6 12 l-16 -12z" class="ill-soft" />
    </svg>
  );
}

export function PointArt() {
  return (
    <svg {...common}>
      <rect x="14" y="20" width="60" height="50" rx="6" class="ill-stroke" />
      <path d="M30 56 l14 -18 l10 12 l8 -8 l12 14z" class="ill-soft" />
      <circle cx="92" cy="30" r="14" class="ill-accent" />
      <path d="M86 30 l5 5 l9 -10" class="ill-check" />
    </svg>
  );
}
