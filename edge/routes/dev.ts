import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import { listOutbox } from "../db/outbox.ts";
import { escapeHtml } from "../services/html.ts";

/** Dev-only pages; mounted only when `SIGHTLINE_DEV` is set. */
export function devRoutes({ kv }: Deps) {
  return new Hono()
    .get("/outbox.json", async (c) => c.json({ mails: await listOutbox(kv) }))
    .get("/outbox", async (c) => {
      const mails = await listOutbox(kv);
      const items = mails.map((m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p>To: ${escapeHtml(m.to)} · ${
          new Date(m.at).toISOString()
        }</p><pre>${escapeHtml(m.text)}</pre></article>`
      ).join("\n");
      return c.html(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sightline dev outbox</title>` +
          `<h1>Dev outbox (${mails.length})</h1>${items || "<p>No mail yet.</p>"}</html>`,
      );
    });
}
