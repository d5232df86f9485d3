import { assert, assertEquals, assertMatch } from "./testing/assert.ts";
import { ADMIN_TOKEN } from "./testing/app.ts";
import { ConfigError, loadConfig } from "./config.ts";

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

const DEV = { SIGHTLINE_DEV: "1", ADMIN_TOKEN };

/** The ConfigError message `loadConfig(env)` throws. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    assert(err instanceof ConfigError, String(err));
    return err.message;
  }
  throw new Error(`expected loadConfig to fail for ${JSON.stringify(env)}`);
}

Deno.test("loadConfig(): the origins served are PUBLIC_URL's and EXTRA_ORIGINS", () => {
  assertEquals(loadConfig({ ...DEV, PORT: "8123" }).origins, ["http://127.0.0.1:8123"], "PUBLIC_URL's default");
  const config = loadConfig({
    ...DEV,
    PUBLIC_URL: "https://help.example.com/",
    EXTRA_ORIGINS: " http://192.168.1.20:8000 , https://Help.Example.com:443,https://[::1]:8443/,",
  });
  assertEquals(config.publicUrl, "https://help.example.com");
  assertEquals(config.origins, ["https://help.example.com", "http://192.168.1.20:8000", "https://[::1]:8443"]);
  assertMatch(configError({ ...DEV, PUBLIC_URL: "help.example.com" }), /PUBLIC_URL must be an absolute http/);
  assertMatch(configError({ ...DEV, PUBLIC_URL: "ftp://help.example.com" }), /PUBLIC_URL/);
  for (const bad of ["help.example.com", "https://help.example.com/app", "https://a.example?x", "ws://a.example"]) {
    const message = configError({ ...DEV, EXTRA_ORIGINS: bad });
    assert(message.startsWith("EXTRA_ORIGINS must list origins") && message.endsWith(`got "${bad}"`), message);
  }
  assertMatch(configError({ ...DEV, EXTRA_ORIGINS: "https://user:pw@a.example" }), /EXTRA_ORIGINS/);
});

Deno.test("loadConfig(): TRUSTED_PROXIES takes IPv4 and IPv6 addresses and ranges, nothing else", () => {
  assertEquals(loadConfig(DEV).trustedProxies, [], "no proxy is trusted unless named");
  const { trustedProxies } = loadConfig({ ...DEV, TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.7,fd00::/8 ,::1" });
  assertEquals(trustedProxies.map((r) => `${r.version}/${r.bits}`), ["4/8", "4/32", "6/8", "6/128"]);
  for (const bad of ["proxy.internal", "10.0.0.0/33", "10.0.0.256", "*"]) {
    const message = configError({ ...DEV, TRUSTED_PROXIES: bad });
    assert(message.startsWith("TRUSTED_PROXIES must list IP") && message.endsWith(`got "${bad}"`), message);
  }
});

Deno.test("loadConfig(): ADMIN_EMAIL is optional and one address", () => {
  assertEquals(loadConfig(DEV).adminEmail, null);
  assertEquals(loadConfig({ ...DEV, ADMIN_EMAIL: " it@example.com " }).adminEmail, "it@example.com");
  for (const bad of ["it", "it@example", "a@example.com,b@example.com", "It <it@example.com>"]) {
    assertMatch(configError({ ...DEV, ADMIN_EMAIL: bad }), /ADMIN_EMAIL must be one email address/);
  }
});
