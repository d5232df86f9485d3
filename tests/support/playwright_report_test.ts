import assert from "node:assert/strict";
import { countByProject } from "./playwright_report.ts";

Deno.test("countByProject() counts each project's passed and failed tests, nested suites included", () => {
  const report = {
    suites: [
      {
        specs: [{ tests: [{ projectName: "e2e", status: "expected" as const }] }],
        suites: [{
          specs: [
            { tests: [{ projectName: "webkit", status: "unexpected" as const }] },
            { tests: [{ projectName: "webkit", status: "flaky" as const }] },
            { tests: [{ projectName: "webkit", status: "skipped" as const }] },
          ],
        }],
      },
    ],
  };
  const counts = countByProject(report);
  assert.deepEqual(counts.get("e2e"), { passed: 1, failed: 0 });
  assert.deepEqual(counts.get("webkit"), { passed: 1, failed: 1 });
  assert.equal(counts.get("firefox"), undefined);
});
