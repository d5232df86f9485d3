import { assertEquals, assertMatch } from "./testing/assert.ts";
import { ADMIN_TOKEN } from "./testing/app.ts";
import { loadConfig } from "./config.ts";

Deno.test("loadConfig() refuses a missing or weak admin token and bad URLs", () => {
  const base = {
    ADMIN_TOKEN,
    LIVEKIT_URL: "ws://x",
    LIVEKIT_API_KEY: "k",
    LIVEKIT_API_SECRET: "s".repeat(32),
    RESEND_API_KEY: "re_x",
    MAIL_FROM: "help@example.test",
  };
  const fails = (env: Record<string, string>, pattern: RegExp) => {
    try {
      loadConfig(env);
    } catch (err) {
      assertMatch(String(err), pattern);
      return;
    }
    throw new Error(`expected loadConfig to fail for ${JSON.stringify(env)}`);
  };
  fails({ ...base, ADMIN_TOKEN: "short" }, /ADMIN_TOKEN/);
  fails({ ...base, LIVEKIT_URL: "http://x" }, /LIVEKIT_URL/);
  fails({ ...base, LIVEKIT_API_SECRET: "secret" }, /LIVEKIT_API_SECRET/);
  fails({ ...base, RESEND_API_KEY: "" }, /RESEND_API_KEY/);
  fails({ ...base, LIVEKIT_API_KEY: "devkey" }, /dev defaults/);
  fails({ ...base, MAIL_FROM: "" }, /MAIL_FROM/);
  assertEquals(loadConfig(base).livekit.apiUrl, "http://x");
});
