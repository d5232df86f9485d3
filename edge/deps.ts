import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Log } from "./log.ts";
import type { LiveKit } from "./services/livekit.ts";
import type { Mailer } from "./services/mailer.ts";

/** Everything the app needs from the outside world, passed in so tests can choose each part. */
export interface Deps {
  kv: Deno.Kv;
  config: Config;
  livekit: LiveKit;
  mailer: Mailer;
  clock: Clock;
  /** Where the edge logs (`log.ts`); tests pass one that keeps the lines. */
  log: Log;
}
