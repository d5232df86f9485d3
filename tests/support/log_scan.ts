/**
 * Secrets never reach the logs: the e2e helpers append every secret they create or receive (passwords,
 * PINs, link secrets, customer keys, LiveKit tokens, session cookies) to a file, one `kind<TAB>value` a
 * line; `tests/run.ts` adds its own (admin token, LiveKit API secret, Resend key) and scans the logs.
 */
export interface Leak {
  kind: string;
  file: string;
  line: number;
}

/**
 * Every place a secret appears in `logs` (file name → text). PINs match only as whole numbers, not as
 * digits of a longer number, of a decimal fraction ("29.289169ms" holds no PIN) or of a hex id such as a
 * UUID ("248880a3-c9ab-…" holds no PIN).
 */
export function findLeaks(secrets: { kind: string; value: string }[], logs: Record<string, string>): Leak[] {
  const leaks: Leak[] = [];
  const unique = new Map(secrets.filter((s) => s.value.length >= 6).map((s) => [s.value, s]));
  for (const [file, text] of Object.entries(logs)) {
    const lines = text.split("\n");
    for (const { kind, value } of unique.values()) {
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const pattern = /^\d+$/.test(value) ? new RegExp(`(?<![\\w.])${escaped}(?![\\w])`) : new RegExp(escaped);
      lines.forEach((l, i) => {
        if (pattern.test(l)) leaks.push({ kind, file, line: i + 1 });
      });
    }
  }
  return leaks;
}

export function parseSecrets(text: string): { kind: string; value: string }[] {
  return text.split("\n").filter(Boolean).map((l) => {
    const tab = l.indexOf("\t");
    return { kind: l.slice(0, tab), value: l.slice(tab + 1) };
  });
}
