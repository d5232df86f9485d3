import type { Group, GroupBody, Permissions, Technician, TechnicianBody } from "@sightline/shared";
import { ERROR_CODES } from "@sightline/shared";
import { HttpError } from "../errors.ts";
import { keys } from "./keys.ts";
import { hashPassword, randomToken, sha256Hex } from "./crypto.ts";

export interface TechnicianRecord extends Technician {
  passwordHash: string;
  createdAt: number;
}

export interface AuthSessionRecord {
  technicianId: string;
  expiresAt: number;
}

const AUTH_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function createGroup(kv: Deno.Kv, body: GroupBody): Promise<Group> {
  const group: Group = { id: crypto.randomUUID(), ...body };
  await kv.set(keys.group(group.id), group);
  return group;
}

export async function getGroup(kv: Deno.Kv, id: string): Promise<Group | null> {
  return (await kv.get<Group>(keys.group(id))).value;
}

/** Creates a technician; the email is unique (create-if-absent on the email index). */
export async function createTechnician(kv: Deno.Kv, body: TechnicianBody): Promise<Technician> {
  if (!(await getGroup(kv, body.groupId))) {
    throw new HttpError(400, ERROR_CODES.validation, "Group does not exist", { groupId: body.groupId });
  }
  const record: TechnicianRecord = {
    id: crypto.randomUUID(),
    email: body.email.toLowerCase(),
    name: body.name,
    groupId: body.groupId,
    disabled: false,
    passwordHash: await hashPassword(body.password),
    createdAt: Date.now(),
  };
  const emailKey = keys.technicianByEmail(record.email);
  const res = await kv.atomic()
    .check({ key: emailKey, versionstamp: null })
    .set(keys.technician(record.id), record)
    .set(emailKey, record.id)
    .commit();
  if (!res.ok) throw new HttpError(409, ERROR_CODES.validation, "A technician with this email exists");
  return publicTechnician(record);
}

export function publicTechnician(record: TechnicianRecord): Technician {
  const { id, email, name, groupId, disabled } = record;
  return { id, email, name, groupId, disabled };
}

export async function getTechnician(kv: Deno.Kv, id: string): Promise<TechnicianRecord | null> {
  return (await kv.get<TechnicianRecord>(keys.technician(id))).value;
}

export async function findTechnicianByEmail(kv: Deno.Kv, email: string) {
  const id = (await kv.get<string>(keys.technicianByEmail(email))).value;
  return id ? await getTechnician(kv, id) : null;
}

export async function hasAnyTechnician(kv: Deno.Kv): Promise<boolean> {
  for await (const _ of kv.list({ prefix: keys.technicians() }, { limit: 1 })) return true;
  return false;
}

/** Starts a sign-in session and returns the cookie token (only its hash is stored). */
export async function createAuthSession(kv: Deno.Kv, technicianId: string): Promise<string> {
  const token = randomToken();
  const record: AuthSessionRecord = { technicianId, expiresAt: Date.now() + AUTH_SESSION_TTL_MS };
  await kv.set(keys.authSession(await sha256Hex(token)), record, { expireIn: AUTH_SESSION_TTL_MS });
  return token;
}

export async function getAuthSession(kv: Deno.Kv, token: string) {
  const record = (await kv.get<AuthSessionRecord>(keys.authSession(await sha256Hex(token)))).value;
  return record && record.expiresAt > Date.now() ? record : null;
}

export async function deleteAuthSession(kv: Deno.Kv, token: string) {
  await kv.delete(keys.authSession(await sha256Hex(token)));
}

export const ALL_PERMISSIONS: Permissions = {
  startLensSessions: true,
  startPrivateSessions: true,
  useEmailMethod: true,
  useLinkMethod: true,
};
