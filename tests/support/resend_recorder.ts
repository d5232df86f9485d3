/**
 * A local stand-in for Resend's HTTP API: the one replaced part in the tests. It checks what the
 * Resend SDK sends (bearer key, JSON, the fields Resend requires) and records accepted mails, which
 * tests read back from `mails` or over HTTP at `GET /__recorded`.
 */

export interface RecordedMail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  userAgent: string | null;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
/** `"Name <a@b>"` or `a@b`, as Resend accepts it. */
const isSender = (v: unknown) => typeof v === "string" && (EMAIL.test(v) || /^[^<>]+<[^\s@<>]+@[^\s@<>]+>$/.test(v));

function problem(status: number, name: string, message: string) {
  return Response.json({ statusCode: status, name, message }, { status });
}

export function startResendRecorder(options: { apiKey: string; port?: number }) {
  const mails: RecordedMail[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/__recorded") return Response.json(mails);
    if (req.method !== "POST" || url.pathname !== "/emails") return problem(404, "not_found", "Unknown route");
    if (req.headers.get("authorization") !== `Bearer ${options.apiKey}`) {
      return problem(401, "missing_api_key", "API key is invalid");
    }
    if (!req.headers.get("content-type")?.startsWith("application/json")) {
      return problem(415, "invalid_content_type", "Body must be JSON");
    }
    let body: Record<string, unknown>;
    try {
      body = await req.json();
    } catch {
      return problem(400, "invalid_json", "Body is not JSON");
    }
    const to = typeof body.to === "string" ? [body.to] : body.to;
    if (!isSender(body.from)) return problem(422, "validation_error", "Invalid `from` field");
    if (!Array.isArray(to) || to.length === 0 || !to.every((t) => typeof t === "string" && EMAIL.test(t))) {
      return problem(422, "validation_error", "Invalid `to` field");
    }
    if (typeof body.subject !== "string" || !body.subject) {
      return problem(422, "validation_error", "Missing `subject` field");
    }
    if (typeof body.html !== "string" && typeof body.text !== "string") {
      return problem(422, "validation_error", "Missing `html` or `text` field");
    }
    mails.push({
      from: body.from as string,
      to: to as string[],
      subject: body.subject,
      html: String(body.html ?? ""),
      text: String(body.text ?? ""),
      userAgent: req.headers.get("user-agent"),
    });
    return Response.json({ id: crypto.randomUUID() });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    mails,
    close: () => server.shutdown(),
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
