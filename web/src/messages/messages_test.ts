/**
 * German text says one thing one way: a screenshot is a "Screenshot" in the console's tool bar, the
 * gallery, the privacy notice and the mails alike, never "Bildschirmfoto" beside it.
 */
import assert from "node:assert/strict";
import { consoleDe } from "./console_de.ts";
import { de } from "./de.ts";
import { liveDe } from "./live_de.ts";
import { reportDe } from "./report_de.ts";
import { sessionDe } from "./session_de.ts";

const GERMAN = { ...de, ...consoleDe, ...liveDe, ...reportDe, ...sessionDe };
/** The edge's German text (mails, default EULA and privacy notice), read as text: web does not import edge. */
const EDGE_TEXTS = ["../../../edge/services/mail_texts.ts", "../../../edge/db/settings.ts"].map((path) =>
  Deno.readTextFileSync(new URL(path, import.meta.url))
);

/** The German words for a screenshot found in `texts`. */
function screenshotTerms(texts: string[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    if (/bildschirmfoto/i.test(text)) found.add("Bildschirmfoto");
    if (/screenshot/i.test(text)) found.add("Screenshot");
  }
  return found;
}

Deno.test("German text names screenshots with one word only: Screenshot", () => {
  const terms = screenshotTerms([...Object.values(GERMAN), ...EDGE_TEXTS]);
  assert.deepEqual([...terms], ["Screenshot"]);
});

Deno.test("the screenshot-term check finds a second word when one creeps in", () => {
  assert.deepEqual([...screenshotTerms(["Bildschirmfoto", "Fotos und Screenshots"])].sort(), [
    "Bildschirmfoto",
    "Screenshot",
  ]);
});
