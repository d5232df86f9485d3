/**
 * Counts from Playwright's JSON report per project, so `tests/run.ts` can name the Firefox and WebKit
 * customer tests in its summary apart from the Chromium ones. Flaky (passed on a retry) counts as passed.
 */

interface ReportTest {
  projectName: string;
  status: "expected" | "unexpected" | "flaky" | "skipped";
}

interface ReportSuite {
  specs?: { tests: ReportTest[] }[];
  suites?: ReportSuite[];
}

export interface ProjectCount {
  passed: number;
  failed: number;
}

/** Passed and failed tests of each project in the report (skipped ones are left out). */
export function countByProject(report: { suites?: ReportSuite[] }): Map<string, ProjectCount> {
  const counts = new Map<string, ProjectCount>();
  const walk = (suite: ReportSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === "skipped") continue;
        const count = counts.get(t.projectName) ?? { passed: 0, failed: 0 };
        if (t.status === "unexpected") count.failed++;
        else count.passed++;
        counts.set(t.projectName, count);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return counts;
}
