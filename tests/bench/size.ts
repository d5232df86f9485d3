/**
 * Customer download size: gzip bytes of the JavaScript and CSS a customer loads before the camera
 * prompt (the entry script, its static imports and module preloads from web/dist/index.html; the German
 * catalog counted separately), and in total after the EULA (plus the lazy chunks fetched then: LiveKit
 * room, live screen, picture tools and the live screen's German text).
 * Part of `deno task bench`; alone, after `deno task build`: `deno run -A tests/bench/size.ts`.
 */
import { gzipSync } from "node:zlib";
import { ROOT } from "../../.ci/provision.ts";

const dist = `${ROOT}/web/dist`;
const gz = (path: string) => gzipSync(Deno.readFileSync(`${dist}${path}`), { level: 9 }).length;

/** Static imports inside the built chunks (`import … from "./x.js"`), followed transitively. */
function withStaticImports(paths: string[]): string[] {
  const seen = new Set<string>();
  const visit = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (!p.endsWith(".js")) return;
    const code = Deno.readTextFileSync(`${dist}${p}`);
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(`/assets/${m[1]}`);
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
  const lazyLive = assets.filter((p) => /\/(customer_room|customer_tools|live_screen|live_de)-[\w-]+\.js$/.test(p));
  const sum = (ps: string[]) => ps.reduce((n, p) => n + gz(p), 0);

  const report = {
    customerJsBeforePromptGzipBytes: sum(js),
    customerJsBeforePromptGermanGzipBytes: sum(js) + sum(german),
    customerCssBeforePromptGzipBytes: sum(css),
    customerJsTotalGzipBytes: sum(js) + sum(german) +
      sum(withStaticImports(lazyLive).filter((p) => p.endsWith(".js") && !js.includes(p))),
    files: Object.fromEntries([...js, ...css, ...german, ...lazyLive].map((p) => [p, gz(p)])),
  };
  return report;
}

if (import.meta.main) console.log(JSON.stringify(customerSize(), null, 2));
