/** The one `Icon` (ui) and the two pages' path sets (one per feature, so neither page downloads the other's). */
import assert from "node:assert/strict";
import type { VNode } from "preact";
import { consoleIcons } from "./features/console/icon_paths.ts";
import { customerIcons } from "./features/customer/icon_paths.ts";
import { Icon } from "./ui/icons.tsx";

/** SVG path data: commands and numbers only (what `d` accepts), starting with a move. */
const PATH_DATA = /^M[\d\s.,MmLlHhVvCcSsQqTtAaZz-]+$/;

Deno.test("Icon draws the path it is given, decorative: hidden from screen readers, not focusable", () => {
  const svg = Icon({ path: "M1 2h3" }) as VNode<Record<string, unknown>>;
  assert.equal(svg.type, "svg");
  assert.deepEqual(
    {
      class: svg.props.class,
      viewBox: svg.props.viewBox,
      hidden: svg.props["aria-hidden"],
      focus: svg.props.focusable,
    },
    { class: "icon", viewBox: "0 0 24 24", hidden: "true", focus: "false" },
  );
  const path = svg.props.children as VNode<{ d: string }>;
  assert.equal(path.type, "path");
  assert.equal(path.props.d, "M1 2h3");
});

Deno.test("every icon of the customer's and the console's path sets is SVG path data", () => {
  for (
    const [name, d] of Object.entries({ ...prefixed("customer", customerIcons), ...prefixed("console", consoleIcons) })
  ) {
    assert.match(d, PATH_DATA, name);
  }
});

const prefixed = (set: string, paths: Record<string, string>) =>
  Object.fromEntries(Object.entries(paths).map(([name, d]) => [`${set}.${name}`, d]));
