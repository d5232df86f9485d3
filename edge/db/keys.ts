/** Every Deno KV key of the edge, in one place. */
export const keys = {
  group: (id: string) => ["groups", id],
  technician: (id: string) => ["technicians", id],
  technicianByEmail: (email: string) => ["technicians_by_email", email.toLowerCase()],
  technicians: () => ["technicians"],
  authSession: (tokenHash: string) => ["auth_sessions", tokenHash],
  session: (id: string) => ["sessions", id],
  sessionByPin: (pin: string) => ["sessions_by_pin", pin],
  sessionByCustomerKey: (keyHash: string) => ["sessions_by_customer_key", keyHash],
  sessionsByTechnician: (technicianId: string, sessionId?: string) =>
    sessionId === undefined
      ? ["sessions_by_technician", technicianId]
      : ["sessions_by_technician", technicianId, sessionId],
  activeSessionByTechnician: (technicianId: string) => ["active_session_by_technician", technicianId],
  /** Bumped in the same atomic operation as every change to a technician's sessions; SSE watches it. */
  sessionChanges: (technicianId: string) => ["session_changes", technicianId],
  settings: () => ["settings"],
  audit: (id: string) => ["audit", id],
  outbox: (id: string) => ["dev_outbox", id],
} satisfies Record<string, (...args: never[]) => Deno.KvKey>;
