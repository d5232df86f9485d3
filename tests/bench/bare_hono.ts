/**
 * The baseline of the edge API benchmark: the least a Hono JSON route can cost on this Deno, run
 * the same way as the edge (`deno run`, one process). `PORT` from the environment.
 */
import { Hono } from "hono";

const app = new Hono().get("/json", (c) => c.json({ ok: true }));
Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} }, app.fetch);
