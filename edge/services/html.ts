/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A mail from paragraphs: plain text, and HTML with `link` made clickable where it appears. */
export function mailFromLines(subject: string, lines: string[], link: string) {
  const text = lines.join("\n\n");
  const html = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")
    .replaceAll(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`);
  return { subject, text, html };
}
