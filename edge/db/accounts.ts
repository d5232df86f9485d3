import type { Group, GroupBody, GroupPatch, Permissions, Technician, TechnicianPatch } from "@sightline/shared";
import { ERROR_CODES } from "@sightline/shared";
import { DomainError, InvalidInput } from "../errors.ts";
import { keys } from "./keys.ts";
import { auditInto } from "./audit.ts";
import { hashPassword, randomToken, sha256Hex } from "./crypto.ts";

export interface TechnicianRecord extends Omit<Technician, "passwordSet"> {
  /** Null until an invited technician sets a password; login then checks against a dummy hash. */
  passwordHash: string | null;
}

export interface AuthSessionRecord {
  technicianId: string;
  expiresAt: number;
}

const AUTH_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 10;

const groupNotFound = () => new DomainError(ERROR_CODES.groupNotFound, "Group not found");
const technicianNotFound = () => new DomainError(ERROR_CODES.technicianNotFound, "Technician not found");
/** A group named in a request body (not in the URL) that does not exist. */
const unknownGroup = (groupId: string) =>
  new InvalidInput(ERROR_CODES.groupNotFound, "Group does not exist", { details: { groupId } });
const tooMuchContention = (what: string) => new Error(`Cannot update ${what}: too much contention`);

// ---- groups ----

export async function createGroup(kv: Deno.Kv, body: GroupBody, now = Date.now()): Promise<Group> {
  const group: Group = { id: crypto.randomUUID(), ...body };
  const op = kv.atomic().check({ key: keys.group(group.id), versionstamp: null }).set(keys.group(group.id), group);
  auditInto(op, now, {
    action: "group.created",
    details: { groupId: group.id, name: group.name, permissions: group.permissions },
  });
  if (!(await op.commit()).ok) throw new Error("Cannot create group: id collision");
  return group;
}

export async function getGroup(kv: Deno.Kv, id: string): Promise<Group | null> {
  return (await kv.get<Group>(keys.group(id))).value;
}

export async function listGroups(kv: Deno.Kv): Promise<Group[]> {
  const out: Group[] = [];
  for await (const e of kv.list<Group>({ prefix: keys.groups() })) out.push(e.value);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Renames and/or changes permissions; permissions not named in the patch keep their value. */
export async function updateGroup(kv: Deno.Kv, id: string, patch: GroupPatch, now: number): Promise<Group> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<Group>(keys.group(id));
    if (!entry.value) throw groupNotFound();
    const next: Group = {
      ...entry.value,
      name: patch.name ?? entry.value.name,
      permissions: { ...entry.value.permissions, ...patch.permissions },
    };
    const op = kv.atomic().check(entry).set(entry.key, next);
    auditInto(op, now, { action: "group.updated", details: { groupId: id, ...patch } });
    if ((await op.commit()).ok) return next;
  }
  throw tooMuchContention(`group ${id}`);
}

/** Deletes an empty group; a group with technicians is refused (`group_not_empty`). */
export async function deleteGroup(kv: Deno.Kv, id: string, now: number): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<Group>(keys.group(id));
    if (!entry.value) throw groupNotFound();
    const members = await listTechnicians(kv, id);
    if (members.length > 0) {
      throw new DomainError(ERROR_CODES.groupNotEmpty, "Cannot delete group: move or delete its technicians first", {
        details: { technicianIds: members.map((t) => t.id) },
      });
    }
    // Adding a technician rewrites the group entry (see `touchGroup`), so this check also fails when
    // a technician joined after the scan above.
    const op = kv.atomic().check(entry).delete(entry.key);
    auditInto(op, now, { action: "group.deleted", details: { groupId: id, name: entry.value.name } });
    if ((await op.commit()).ok) return;
  }
  throw tooMuchContention(`group ${id}`);
}

/**
 * Puts a technician into a group within `op`: checks the group entry and rewrites it unchanged, which
 * gives it a new versionstamp, so a concurrent `deleteGroup` cannot remove a group that just gained
 * a member.
 */
function touchGroup(op: Deno.AtomicOperation, entry: Deno.KvEntryMaybe<Group>) {
  if (!entry.value) throw unknownGroup(String(entry.key[1]));
  return op.check(entry).set(entry.key, entry.value);
}

// ---- technicians ----

export interface TechnicianInput {
  email: string;
  name: string;
  groupId: string;
  /** Omitted for an invited technician, who sets it through the invitation link. */
  password?: string;
}

/**
 * Creates a technician; the email is unique (create-if-absent on the email index). `extra` adds
 * writes to the same commit (the invitation's set-password token).
 */
export async function createTechnician(
  kv: Deno.Kv,
  input: TechnicianInput,
  now = Date.now(),
  extra?: (op: Deno.AtomicOperation, technicianId: string) => void,
): Promise<Technician> {
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const record: TechnicianRecord = {
    id: crypto.randomUUID(),
    email: input.email.toLowerCase(),
    name: input.name,
    groupId: input.groupId,
    disabled: false,
    passwordHash,
    createdAt: now,
  };
  const emailKey = keys.technicianByEmail(record.email);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [group, email] = await kv.getMany<[Group, string]>([keys.group(input.groupId), emailKey]);
    if (email.value) throw emailTaken();
    const op = touchGroup(kv.atomic(), group)
      .check({ key: emailKey, versionstamp: null })
      .set(keys.technician(record.id), record)
      .set(emailKey, record.id);
    auditInto(op, now, {
      action: "technician.created",
      technicianId: record.id,
      details: { email: record.email, name: record.name, groupId: record.groupId, invited: passwordHash === null },
    });
    extra?.(op, record.id);
    if ((await op.commit()).ok) return publicTechnician(record);
  }
  throw tooMuchContention("technicians");
}

const emailTaken = () => new DomainError(ERROR_CODES.emailTaken, "A technician with this email exists");

export function publicTechnician(record: TechnicianRecord): Technician {
  const { id, email, name, groupId, disabled, createdAt } = record;
  return { id, email, name, groupId, disabled, passwordSet: record.passwordHash !== null, createdAt };
}

export async function getTechnician(kv: Deno.Kv, id: string): Promise<TechnicianRecord | null> {
  return (await kv.get<TechnicianRecord>(keys.technician(id))).value;
}

/** Oldest first; `groupId` narrows to one group. */
export async function listTechnicians(kv: Deno.Kv, groupId?: string): Promise<TechnicianRecord[]> {
  const out: TechnicianRecord[] = [];
  for await (const e of kv.list<TechnicianRecord>({ prefix: keys.technicians() })) {
    if (groupId === undefined || e.value.groupId === groupId) out.push(e.value);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

export async function findTechnicianByEmail(kv: Deno.Kv, email: string) {
  const id = (await kv.get<string>(keys.technicianByEmail(email))).value;
  return id ? await getTechnician(kv, id) : null;
}

export async function hasAnyTechnician(kv: Deno.Kv): Promise<boolean> {
  for await (const _ of kv.list({ prefix: keys.technicians() }, { limit: 1 })) return true;
  return false;
}

/**
 * Renames, moves and/or disables/enables a technician in one commit, with one audit entry per
 * change. Disabling also drops a pending set-password token, so an invitation cannot revive the account.
 */
export async function updateTechnician(
  kv: Deno.Kv,
  id: string,
  patch: TechnicianPatch,
  now: number,
): Promise<{ before: TechnicianRecord; after: TechnicianRecord }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<TechnicianRecord>(keys.technician(id));
    const before = entry.value;
    if (!before) throw technicianNotFound();
    const after: TechnicianRecord = {
      ...before,
      name: patch.name ?? before.name,
      groupId: patch.groupId ?? before.groupId,
      disabled: patch.disabled ?? before.disabled,
    };
    const op = kv.atomic().check(entry).set(entry.key, after);
    const audit = (action: string, details: Record<string, unknown>) =>
      auditInto(op, now, { action, technicianId: id, details });
    if (after.name !== before.name) audit("technician.renamed", { from: before.name, to: after.name });
    if (after.groupId !== before.groupId) {
      touchGroup(op, await kv.get<Group>(keys.group(after.groupId)));
      audit("technician.moved", { from: before.groupId, to: after.groupId });
    }
    if (after.disabled !== before.disabled) {
      audit(after.disabled ? "technician.disabled" : "technician.enabled", {});
      if (after.disabled) await dropPasswordToken(kv, op, id);
    }
    if ((await op.commit()).ok) return { before, after };
  }
  throw tooMuchContention(`technician ${id}`);
}

/** Deletes the technician, frees the email and drops a pending set-password token, in one commit. */
export async function deleteTechnician(kv: Deno.Kv, id: string, now: number): Promise<TechnicianRecord> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await kv.get<TechnicianRecord>(keys.technician(id));
    if (!entry.value) throw technicianNotFound();
    const email = await kv.get<string>(keys.technicianByEmail(entry.value.email));
    const op = kv.atomic().check(entry, email).delete(entry.key);
    // The index belongs to this technician unless it was already repaired by hand; never free another's.
    if (email.value === id) op.delete(email.key);
    await dropPasswordToken(kv, op, id);
    auditInto(op, now, {
      action: "technician.deleted",
      technicianId: id,
      details: { email: entry.value.email, name: entry.value.name, groupId: entry.value.groupId },
    });
    if ((await op.commit()).ok) return entry.value;
  }
  throw tooMuchContention(`technician ${id}`);
}

/** Adds the removal of the technician's pending set-password token (if any) to `op`. */
export async function dropPasswordToken(kv: Deno.Kv, op: Deno.AtomicOperation, technicianId: string) {
  const current = await kv.get<string>(keys.passwordTokenByTechnician(technicianId));
  op.check(current);
  if (current.value) op.delete(current.key).delete(keys.passwordToken(current.value));
}

// ---- sign-in sessions ----

/** Starts a sign-in session and returns the cookie token (only its hash is stored). */
export async function createAuthSession(kv: Deno.Kv, technicianId: string): Promise<string> {
  const token = randomToken();
  const hash = await sha256Hex(token);
  const record: AuthSessionRecord = { technicianId, expiresAt: Date.now() + AUTH_SESSION_TTL_MS };
  await kv.atomic()
    .set(keys.authSession(hash), record, { expireIn: AUTH_SESSION_TTL_MS })
    .set(keys.authSessionsByTechnician(technicianId, hash), true, { expireIn: AUTH_SESSION_TTL_MS })
    .commit();
  return token;
}

export async function getAuthSession(kv: Deno.Kv, token: string) {
  const record = (await kv.get<AuthSessionRecord>(keys.authSession(await sha256Hex(token)))).value;
  return record && record.expiresAt > Date.now() ? record : null;
}

export async function deleteAuthSession(kv: Deno.Kv, token: string) {
  const hash = await sha256Hex(token);
  const record = (await kv.get<AuthSessionRecord>(keys.authSession(hash))).value;
  const op = kv.atomic().delete(keys.authSession(hash));
  if (record) op.delete(keys.authSessionsByTechnician(record.technicianId, hash));
  await op.commit();
}

/**
 * Signs the technician out everywhere. Disabled or deleted technicians are already refused by
 * `requireTechnician`; this makes sure re-enabling an account does not revive old cookies.
 */
export async function revokeAuthSessions(kv: Deno.Kv, technicianId: string): Promise<void> {
  const hashes: string[] = [];
  for await (const e of kv.list({ prefix: keys.authSessionsByTechnician(technicianId) })) {
    hashes.push(String(e.key[e.key.length - 1]));
  }
  // Small commits: an atomic operation holds a bounded number of mutations.
  for (let i = 0; i < hashes.length; i += 50) {
    const op = kv.atomic();
    for (const hash of hashes.slice(i, i + 50)) {
      op.delete(keys.authSession(hash)).delete(keys.authSessionsByTechnician(technicianId, hash));
    }
    await op.commit();
  }
}

export const ALL_PERMISSIONS: Permissions = {
  startLensSessions: true,
  startPrivateSessions: true,
  useEmailMethod: true,
  useLinkMethod: true,
};
