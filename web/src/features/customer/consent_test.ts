import assert from "node:assert/strict";
import { consentIn } from "./consent.ts";

const en = { version: "e2", text: "Terms", privacy: "Privacy" };
const de = { version: "d7", text: "Bedingungen", privacy: "Datenschutz" };

Deno.test("consentIn() gives the customer's language, else English", () => {
  assert.deepEqual(consentIn({ en, de }, "de"), { ...de, lang: "de" });
  assert.deepEqual(consentIn({ en, de }, "en"), { ...en, lang: "en" });
  assert.deepEqual(consentIn({ en }, "de"), { ...en, lang: "en" }, "no German: English, named as such");
});
