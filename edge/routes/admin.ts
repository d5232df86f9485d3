import { Hono } from "hono";
import { GroupBodySchema, SettingsPatchSchema, TechnicianBodySchema } from "@sightline/shared";
import type { Deps } from "../deps.ts";
import { jsonBody } from "../validate.ts";
import { requireAdmin } from "../middleware/auth.ts";
import { createGroup, createTechnician } from "../db/accounts.ts";
import { getSettings, updateSettings } from "../db/settings.ts";
import { listAudit } from "../db/audit.ts";

export function adminRoutes({ kv, config }: Deps) {
  return new Hono()
    .use(requireAdmin(config.adminToken))
    .post("/groups", jsonBody(GroupBodySchema), async (c) => c.json(await createGroup(kv, c.req.valid("json")), 201))
    .post(
      "/technicians",
      jsonBody(TechnicianBodySchema),
      async (c) => c.json(await createTechnician(kv, c.req.valid("json")), 201),
    )
    .get("/settings", async (c) => c.json(await getSettings(kv)))
    .patch(
      "/settings",
      jsonBody(SettingsPatchSchema),
      async (c) => c.json(await updateSettings(kv, c.req.valid("json"))),
    )
    .get("/audit", async (c) => c.json({ entries: await listAudit(kv) }));
}
