/**
 * One-time changes to data written by an older edge, run at boot before the edge serves. Each is
 * idempotent and moves one entry per atomic operation (checked against concurrent writes), so several
 * instances may run it at once and an interrupted run is finished by the next boot; a marker key
 * makes later boots skip it.
 */
import { auditInto } from "./audit.ts";
import { keys, legacyKeys } from "./keys.ts";
import type { LoginRecord } from "./logins.ts";
import type { SessionRecord } from "./sessions.ts";
import { DEFAULT_EULA } from "./settings.ts";

/**
 * The technician's session index was `[sessions_by_technician, technician, session]`; it now also
 * holds the creation time (`keys.sessionsByTechnician`), so the console can list the newest sessions
 * without reading all of them. Returns how many entries moved.
 */
async function technicianIndexByTime(kv: Deno.Kv): Promise<number> {
  let moved = 0;
  for await (const entry of kv.list<string>({ prefix: legacyKeys.sessionsByTechnician() })) {
    if (entry.key.length !== 3) continue;
    const session = (await kv.get<SessionRecord>(keys.session(entry.value))).value;
    const op = kv.atomic().check(entry).delete(entry.key);
    // An index entry of a session that is gone (purged) is dropped.
    if (session) op.set(keys.sessionsByTechnician(session.technicianId, session), session.id);
    if ((await op.commit()).ok) moved++;
  }
  return moved;
}

/** Every session gets its entry in the creation-time index the admin's listing reads (`keys.sessionsByTime`). */
async function sessionsByTime(kv: Deno.Kv): Promise<number> {
  let added = 0;
  for await (let entry of kv.list<SessionRecord>({ prefix: keys.sessions() })) {
    // Checked against the session entry, so a session purged meanwhile gets no index entry.
    while (
      entry.value && !(await kv.atomic().check(entry).set(keys.sessionsByTime(entry.value), entry.value.id).commit()).ok
    ) {
      entry = await kv.get<SessionRecord>(entry.key) as typeof entry;
    }
    if (entry.value) added++;
  }
  return added;
}

/**
 * A technician's sign-in was an "auth session" (`legacyKeys.authSessions`); it is a login now
 * (`keys.login`, `keys.loginsByTechnician`), so that "session" means a support session only. A live
 * sign-in moves with the time it has left, so nobody is signed out; an expired one and an index entry
 * without its sign-in are dropped. Returns how many sign-ins moved or went, and orphaned index entries dropped.
 */
async function loginsFromAuthSessions(kv: Deno.Kv): Promise<number> {
  const now = Date.now();
  let changed = 0;
  for await (const entry of kv.list<LoginRecord>({ prefix: legacyKeys.authSessions() })) {
    const hash = String(entry.key[1]);
    const { technicianId, expiresAt } = entry.value;
    const op = kv.atomic().check(entry).delete(entry.key)
      .delete(legacyKeys.authSessionsByTechnician(technicianId, hash));
    const expireIn = expiresAt - now;
    if (expireIn > 0) {
      op.set(keys.login(hash), entry.value, { expireIn })
        .set(keys.loginsByTechnician(technicianId, hash), true, { expireIn });
    }
    if ((await op.commit()).ok) changed++;
  }
  for await (const orphan of kv.list({ prefix: legacyKeys.authSessionsByTechnician() })) {
    if ((await kv.atomic().check(orphan).delete(orphan.key).commit()).ok) changed++;
  }
  return changed;
}

/** The EULA an older edge shipped; it said "Nothing is recorded" although photos and the chat may be kept. */
export const LEGACY_DEFAULT_EULA = {
  version: "1",
  text: "By accepting, you allow the support technician to see your camera picture and to talk " +
    "with you for the length of this support session. Nothing is recorded. You can end the " +
    "session at any time.",
};

/**
 * The settings held one EULA (`{version, text}`); they hold one per language now, each with a privacy
 * notice and a version of its own. A company's own EULA becomes the English one (German customers see
 * it with a notice that it is not in their language) with the default privacy notice beside it; the
 * older edge's default, which was not true, becomes today's default in both languages. One checked
 * commit, with its audit entry; returns 1 when it changed the settings.
 */
async function eulaPerLanguage(kv: Deno.Kv): Promise<number> {
  for (;;) {
    const entry = await kv.get<Record<string, unknown>>(keys.settings());
    const eula = entry.value?.eula as { version?: unknown; text?: unknown } | undefined;
    if (typeof eula?.text !== "string") return 0;
    const legacyDefault = eula.text === LEGACY_DEFAULT_EULA.text && eula.version === LEGACY_DEFAULT_EULA.version;
    const next = legacyDefault
      ? DEFAULT_EULA
      : { en: { version: String(eula.version), text: eula.text, privacy: DEFAULT_EULA.en.privacy } };
    const op = kv.atomic().check(entry).set(keys.settings(), { ...entry.value, eula: next });
    auditInto(op, Date.now(), {
      action: "settings.updated",
      details: { fields: ["eula"], migration: "eula_per_language", replacedDefault: legacyDefault },
    });
    if ((await op.commit()).ok) return 1;
  }
}

const MIGRATIONS: [name: string, run: (kv: Deno.Kv) => Promise<number>][] = [
  ["technician_index_by_time", technicianIndexByTime],
  ["sessions_by_time", sessionsByTime],
  ["logins_from_auth_sessions", loginsFromAuthSessions],
  ["eula_per_language", eulaPerLanguage],
];

/**
 * Runs the migrations this KV has not had yet; returns those that changed anything, with how many
 * entries each changed (a fresh KV has nothing to move, and its boot log says nothing).
 */
export async function migrate(kv: Deno.Kv): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const [name, run] of MIGRATIONS) {
    if ((await kv.get(keys.migration(name))).value) continue;
    const changed = await run(kv);
    await kv.set(keys.migration(name), { at: Date.now(), changed });
    if (changed) done[name] = changed;
  }
  return done;
}
