/** Technician accounts: the email index, group membership, disabling and deleting. */
import { ERROR_CODES, type Group, type Technician, type TechnicianPatch } from "@sightline/shared";
import { DomainError, InvalidInput } from "../errors.ts";
import { auditInto } from "./audit.ts";
import { hashPassword } from "./crypto.ts";
import { keys } from "./keys.ts";

export interface TechnicianRecord extends Omit<Technician, "passwordSet"> {
  /** Null until an invited technician sets a password; login then checks against a dummy hash. */
  passwordHash: string | null;
}

const MAX_ATTEMPTS = 10;

export const technicianNotFound = () => new DomainError(ERROR_CODES.technicianNotFound, "Technician not found");
const emailTaken = () => new DomainError(ERROR_CODES.emailTaken, "A technician with this email exists");
/** A group named in a request body (not in the URL) that does not exist. */
const unknownGroup = (groupId: string) =>
  new InvalidInput(ERROR_CODES.groupNotFound, "Group does not exist", { details: { groupId } });

/**
 * Puts a technician into a group within `op`: checks the group entry and rewrites it unchanged, which
 * gives it a new versionstamp, so a concurrent `deleteGroup` cannot remove a group that just gained
 * a member.
 */
function touchGroup(op: Deno.AtomicOperation, entry: Deno.KvEntryMaybe<Group>) {
  if (!entry.value) throw unknownGroup(String(entry.key[1]));
  return op.check(entry).set(entry.key, entry.value);
}

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
  throw new Error("Cannot create technician: too much contention");
}

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
  throw new Error(`Cannot update technician ${id}: too much contention`);
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
  throw new Error(`Cannot update technician ${id}: too much contention`);
}

/** Adds the removal of the technician's pending set-password token (if any) to `op`. */
export async function dropPasswordToken(kv: Deno.Kv, op: Deno.AtomicOperation, technicianId: string) {
  const current = await kv.get<string>(keys.passwordTokenByTechnician(technicianId));
  op.check(current);
  if (current.value) op.delete(current.key).delete(keys.passwordToken(current.value));
}
