import { ROOT, step } from "./provision.ts";

/** Builds the PWA into web/dist with Vite (run by Deno from node_modules). */
export async function buildWeb() {
  step("building the PWA (vite build web)");
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "npm:vite", "build", "web", "--logLevel", "warn"],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error("vite build failed (output above)");
}

if (import.meta.main) await buildWeb();
