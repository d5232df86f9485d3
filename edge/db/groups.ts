/** Technician groups and their permissions. */
import { ERROR_CODES, type Group, type GroupBody, type GroupPatch } from "@sightline/shared";
import { DomainError } from "../errors.ts";
import { auditInto } from "./audit.ts";
import { keys } from "./keys.ts";
import { listTechnicians } from "./technicians.ts";

const MAX_ATTEMPTS = 10;

export const groupNotFound = () => new DomainError(ERROR_CODES.groupNotFound, "Group not found");

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
  throw new Error(`Cannot update group ${id}: too much contention`);
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
  throw new Error(`Cannot update group ${id}: too much contention`);
}
