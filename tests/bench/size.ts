/**
 * Customer download size: gzip bytes of the JavaScript and CSS a customer loads before the camera
 * prompt (the entry script, its static imports and module preloads from web/dist/index.html; the German
 * catalog counted separately), and in total after the EULA (every chunk the customer's app can import,
 * statically or lazily — session and LiveKit room, live screen, German text — but the tracking chunks,
 * which load only when the technician draws and are counted by the anchored-drawing benchmark).
 * Part of `deno task bench`; alone, after `deno task build`: `deno run -A tests/bench/size.ts`.
 */
import { gzipSync } from "node:zlib";
import { ROOT } from "../../.ci/provision.ts";

const dist = `${ROOT}/web/dist`;
const gz = (path: string) => gzipSync(Deno.readFileSync(`${dist}${path}`), { level: 9 }).length;

/**
 * Static imports inside the built chunks (`import … from "./x.js"`), followed transitively; with `lazy`,
 * dynamic ones too (`import(\`./x.js\`)`) except those whose name matches `skip`.
 */
function withStaticImports(paths: string[], lazy = false, skip = /$^/): string[] {
  const seen = new Set<string>();
  const visit = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (!p.endsWith(".js")) return;
    const code = Deno.readTextFileSync(`${dist}${p}`);
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(`/assets/${m[1]}`);
    }
    if (!lazy) return;
    for (const m of code.matchAll(/import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g)) {
      if (!skip.test(m[1])) visit(`/assets/${m[1]}`);
    }
  };
  paths.forEach(visit);
  return [...seen];
}

/** The customer's download in gzip bytes, from the built web/dist. */
export function customerSize() {
  const html = Deno.readTextFileSync(`${dist}/index.html`);
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const first = withStaticImports(refs);
  const js = first.filter((p) => p.endsWith(".js"));
  const css = first.filter((p) => p.endsWith(".css"));
  const assets = [...Deno.readDirSync(`${dist}/assets`)].map((e) => `/assets/${e.name}`);
  const german = assets.filter((p) => /\/de-[\w-]+\.js$/.test(p));
  const sum = (ps: string[]) => ps.reduce((n, p) => n + gz(p), 0);
  const everything = withStaticImports(refs, true, /^(tracker_port|worker)-/).filter((p) => p.endsWith(".js"));

  const report = {
    customerJsBeforePromptGzipBytes: sum(js),
    customerJsBeforePromptGermanGzipBytes: sum(js) + sum(german),
    customerCssBeforePromptGzipBytes: sum(css),
    customerJsTotalGzipBytes: sum(everything),
    files: Object.fromEntries([...new Set([...everything, ...css, ...german])].map((p) => [p, gz(p)])),
  };
  return report;
}

if (import.meta.main) console.log(JSON.stringify(customerSize(), null, 2));
