/** A list selector for the keys under `prefix` from `start` (inclusive) to `end` (exclusive), either optional. */
export function rangeSelector(prefix: Deno.KvKey, start?: Deno.KvKey, end?: Deno.KvKey): Deno.KvListSelector {
  if (start && end) return { start, end };
  if (start) return { prefix, start };
  if (end) return { prefix, end };
  return { prefix };
}

/** Every Deno KV key of the edge, in one place. */
export const keys = {
  group: (id: string) => ["groups", id],
  technician: (id: string) => ["technicians", id],
  technicianByEmail: (email: string) => ["technicians_by_email", email.toLowerCase()],
  technicians: () => ["technicians"],
  groups: () => ["groups"],
  /** A technician's sign-in, by the SHA-256 of its cookie token. */
  login: (tokenHash: string) => ["logins", tokenHash],
  /** Lets disabling, deleting or a new password sign a technician out everywhere. */
  loginsByTechnician: (technicianId: string, tokenHash?: string) =>
    tokenHash === undefined
      ? ["logins_by_technician", technicianId]
      : ["logins_by_technician", technicianId, tokenHash],
  /** Set-password tokens of technician invitations, by the token's SHA-256. */
  passwordToken: (tokenHash: string) => ["password_tokens", tokenHash],
  /** The one live set-password token of a technician; a new invitation replaces the old one. */
  passwordTokenByTechnician: (technicianId: string) => ["password_token_by_technician", technicianId],
  session: (id: string) => ["sessions", id],
  sessions: () => ["sessions"],
  sessionByPin: (pin: string) => ["sessions_by_pin", pin],
  /** A session by the SHA-256 of a link secret it handed out (kept after use, so the link can say why it is gone). */
  sessionByLinkSecret: (secretHash: string) => ["sessions_by_link_secret", secretHash],
  sessionByCustomerKey: (keyHash: string) => ["sessions_by_customer_key", keyHash],
  /** A technician's sessions in the order they were created, so the newest can be listed first. */
  sessionsByTechnician: (technicianId: string, session?: { createdAt: number; id: string }) =>
    session === undefined
      ? ["sessions_by_technician", technicianId]
      : ["sessions_by_technician", technicianId, session.createdAt, session.id],
  /** Every session in the order they were created (the admin's listing reads it newest first). */
  sessionsByTime: (session?: { createdAt: number; id: string }) =>
    session === undefined ? ["sessions_by_time"] : ["sessions_by_time", session.createdAt, session.id],
  /** Marks a one-time data migration as done (`db/migrations.ts`). */
  migration: (name: string) => ["migrations", name],
  activeSessionByTechnician: (technicianId: string) => ["active_session_by_technician", technicianId],
  /** Bumped in the same atomic operation as every change to a technician's sessions; SSE watches it. */
  sessionChanges: (technicianId: string) => ["session_changes", technicianId],
  /** Chat transcript of a session, one entry per message; purged with the session. */
  chatLine: (sessionId: string, lineId: string) => ["chat_lines", sessionId, lineId],
  chatLines: (sessionId?: string) => sessionId === undefined ? ["chat_lines"] : ["chat_lines", sessionId],
  chatLineCount: (sessionId: string) => ["chat_line_counts", sessionId],
  /** The technician's note of a session; purged with it. */
  sessionNotes: (sessionId: string) => ["session_notes", sessionId],
  /** When a client's look-up of a session's PIN was last audited (expires; see `pin_lookups.ts`). */
  lookupAudited: (
    sessionId: string,
    address: string,
    via: "link" | "pin",
  ) => ["lookup_audited", sessionId, address, via],
  /** Sign-in failures of an account from one client address (`login_throttle.ts`); a rate-limit counter. */
  loginPair: (account: string, address: string) => ["rate_limits", "login_pair", account, address],
  /** Sign-in failures of an account from all clients, a leaky bucket (`login_throttle.ts`); a rate-limit counter. */
  loginAccount: (account: string) => ["rate_limits", "login_account", account],
  /** When the technician and the admin were last told of an attack on the account. */
  loginNotice: (account: string) => ["login_notices", account],
  /** Events counted for `limit` and `id` in the fixed window starting at `windowStart` (`rate_limit.ts`). */
  rateLimit: (limit: string, id: string, windowStart: number) => ["rate_limits", limit, id, windowStart],
  settings: () => ["settings"],
  audit: (id: string) => ["audit", id],
  audits: () => ["audit"],
  /** Mails of the dev outbox (`db/outbox.ts`). */
  outboxMail: (id: string) => ["dev_outbox", id],
  outboxMails: () => ["dev_outbox"],
  cspReport: (id: string) => ["csp_reports", id],
  cspReports: () => ["csp_reports"],
  /** The kept CSP report a repeat is counted on, by the SHA-256 of its fields (`csp_reports.ts`; expires). */
  cspReportSeen: (fingerprint: string) => ["csp_reports_seen", fingerprint],
  /** Read (never written) by the health check: does KV answer? */
  health: () => ["health"],
} satisfies Record<string, (...args: never[]) => Deno.KvKey>;

/** Keys as an older edge wrote them, read only by the one-time steps in `migrations.ts`. */
export const legacyKeys = {
  /** `[sessions_by_technician, technician, session]`, before the creation time was in the key. */
  sessionsByTechnician: () => ["sessions_by_technician"],
  /** Sign-ins, before they were called logins (`keys.login`). */
  authSessions: () => ["auth_sessions"],
  /** `[auth_sessions_by_technician, technician, token hash]`, or a prefix of it. */
  authSessionsByTechnician: (...parts: string[]) => ["auth_sessions_by_technician", ...parts],
} satisfies Record<string, (...args: never[]) => Deno.KvKey>;
