import { ROOT, step } from "./provision.ts";

/** Builds the PWA into web/dist with Vite (run by Deno from node_modules): customer app, then console. */
export async function buildWeb() {
  for (const mode of ["production", "console"]) {
    step(`building the PWA (vite build web --mode ${mode})`);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "npm:vite", "build", "web", "--mode", mode, "--logLevel", "warn"],
      cwd: ROOT,
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (code !== 0) throw new Error(`vite build (${mode}) failed (output above)`);
  }
}

if (import.meta.main) await buildWeb();
