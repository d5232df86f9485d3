import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** Moves focus to the heading of a new screen so screen readers announce the change. */
export function ScreenHeading(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return <h1 ref={ref} tabIndex={-1}>{props.children}</h1>;
}
