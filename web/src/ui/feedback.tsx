/** Small status primitives: progress while waiting, an alert, a transfer's progress. */
import type { ComponentChildren } from "preact";

export function Spinner(props: { label: string }) {
  return (
    <div class="progress" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label}</span>
    </div>
  );
}

export function Alert(props: { children: ComponentChildren }) {
  return <p class="alert" role="alert">{props.children}</p>;
}

/** A transfer's progress: label, bar and percentage. */
export function Progress({ label, value }: { label: string; value: number }) {
  const percent = Math.round(value * 100);
  return (
    <div class="transfer">
      <span>{label}</span>
      <progress max={100} value={percent} aria-label={label} />
      <span aria-hidden="true">{percent} %</span>
    </div>
  );
}
