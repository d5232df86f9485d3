/**
 * The web app's shape, checked like its behaviour: files and functions stay small enough to read, and
 * the layers import only downwards (features → state → lib/ui → shared). Run alone, it prints the
 * largest functions: `deno test -A web/src/code_shape_test.ts`.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";

const ROOT = import.meta.dirname!;
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 120;

/** Each function's first line and length, as Deno's linter parses the file. */
const measure: Deno.lint.Plugin = {
  name: "shape",
  rules: {
    functions: {
      create(context) {
        const text = context.sourceCode.text;
        const line = (offset: number) => text.slice(0, offset).split("\n").length;
        const report = (node: Deno.lint.Node) => {
          const [start, end] = node.range;
          context.report({ node, message: `${line(start)} ${line(end) - line(start) + 1}` });
        };
        return { FunctionDeclaration: report, FunctionExpression: report, ArrowFunctionExpression: report };
      },
    },
  },
};

interface Measured {
  file: string;
  line: number;
  lines: number;
}

function sources(dir = ROOT): string[] {
  return [...Deno.readDirSync(dir)].flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const files = sources().map((path) => ({ path, file: relative(ROOT, path), text: Deno.readTextFileSync(path) }));

const functions: Measured[] = files.flatMap(({ path, file, text }) =>
  Deno.lint.runPlugin(measure, path, text).map((d) => {
    const [line, lines] = d.message.split(" ").map(Number);
    return { file, line, lines };
  })
);

/** Relative imports of a file, resolved to paths under web/src (or outside it, for shared/). */
const importsOf = (file: string, text: string) =>
  [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)].map(([, spec]) =>
    relative(ROOT, join(ROOT, file, "..", spec))
  );

Deno.test("no file in web/src has more than 300 lines", () => {
  const long = files.map(({ file, text }) => ({ file, lines: text.split("\n").length - 1 }))
    .filter((f) => f.lines > MAX_FILE_LINES);
  assert.deepEqual(long, []);
});

Deno.test("no function in web/src has 120 lines or more; the largest five are printed", () => {
  const largest = [...functions].sort((a, b) => b.lines - a.lines);
  console.log(largest.slice(0, 5).map((f) => `${f.lines} lines  ${f.file}:${f.line}`).join("\n"));
  assert.deepEqual(largest.filter((f) => f.lines >= MAX_FUNCTION_LINES), []);
});

Deno.test("layers import downwards only: lib and ui know no models or features, the two features not each other", () => {
  const wrong: string[] = [];
  for (const { file, text } of files) {
    for (const target of importsOf(file, text)) {
      const from = file.split("/")[0];
      const bad = (["lib", "ui"].includes(from) && /^(state|features)\//.test(target)) ||
        (from === "state" && target.startsWith("features/")) ||
        (file.startsWith("features/customer/") && target.startsWith("features/console/")) ||
        (file.startsWith("features/console/") && target.startsWith("features/customer/"));
      if (bad) wrong.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});
