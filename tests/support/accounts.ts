/**
 * Technicians for tests, benchmarks and load runs, made through the admin API: a group (every
 * permission, `ALL_PERMISSIONS`, unless told otherwise) and technicians with passwords in it. Names,
 * emails and passwords are fresh each time, so tests sharing one edge never collide.
 */
import * as api from "../../shared/api.ts";
import { ALL_PERMISSIONS, type Group, type Permissions } from "../../shared/schemas.ts";
import type { EdgeClient } from "./edge_client.ts";
import { pool } from "./pool.ts";

export interface TechnicianAccount {
  id: string;
  email: string;
  password: string;
  name: string;
  groupId: string;
}

const fresh = () => crypto.randomUUID().slice(0, 8);

export function newGroup(
  admin: EdgeClient,
  permissions: Permissions = ALL_PERMISSIONS,
  name = "Group",
): Promise<Group> {
  return admin.call(api.createGroup, { body: { name: `${name} ${fresh()}`, permissions } });
}

/** A technician with a password in `groupId`; the email starts with `prefix`. */
export async function newTechnician(
  admin: EdgeClient,
  groupId: string,
  { name = "Tess Technician", prefix = "tech" } = {},
): Promise<TechnicianAccount> {
  const email = `${prefix}-${fresh()}@example.test`;
  const password = `pw-${crypto.randomUUID()}`;
  const { id } = await admin.call(api.createTechnician, { body: { email, password, name, groupId } });
  return { id, email, password, name, groupId };
}

/**
 * `n` technicians in one new group with every permission, each signed in (a client with their cookie);
 * four at a time, since each sign-in runs the edge's slow password hash.
 */
export async function signedInTechnicians(
  admin: EdgeClient,
  n: number,
  prefix: string,
): Promise<(TechnicianAccount & { client: EdgeClient })[]> {
  const group = await newGroup(admin, ALL_PERMISSIONS, prefix);
  const anonymous = admin.as({ kind: "anonymous" });
  return await pool(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const account = await newTechnician(admin, group.id, { name: `${prefix} ${i}`, prefix });
    return { ...account, client: await anonymous.login({ email: account.email, password: account.password }) };
  });
}
