import { deepStrictEqual as assertEquals, ok as assert } from "node:assert";
import {
  ACCEPTED,
  type Advisory,
  auditLock,
  compareVersions,
  isAffected,
  loadAdvisories,
  loadLock,
  lockedPackages,
} from "./audit.ts";

const advisory = (ranges: Advisory["ranges"], pkg = "demo"): Advisory => ({
  id: "GHSA-test",
  package: pkg,
  summary: "test",
  severity: "high",
  ranges,
  source: "test",
});

Deno.test("compareVersions follows semver precedence", () => {
  const ordered = [
    "0.9.9",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0",
    "1.2.0",
    "1.10.0",
    "2.0.0",
  ];
  for (let i = 0; i + 1 < ordered.length; i++) {
    assertEquals(compareVersions(ordered[i], ordered[i + 1]), -1, `${ordered[i]} < ${ordered[i + 1]}`);
    assertEquals(compareVersions(ordered[i + 1], ordered[i]), 1);
  }
  assertEquals(compareVersions("1.2.3+build.5", "1.2.3"), 0);
});

Deno.test("isAffected: introduced/fixed is half-open, last_affected is inclusive, several ranges", () => {
  const a = advisory([{ introduced: "0", fixed: "4.12.16" }]);
  assert(isAffected("4.12.15", a));
  assert(!isAffected("4.12.16", a));
  const b = advisory([{ introduced: "10.26.0", fixed: "10.26.10" }, { introduced: "10.27.0", fixed: "10.27.3" }]);
  assert(isAffected("10.26.0", b) && isAffected("10.27.2", b));
  assert(!isAffected("10.25.9", b) && !isAffected("10.26.10", b) && !isAffected("10.28.0", b));
  const c = advisory([{ introduced: "0", last_affected: "3.1.10" }]);
  assert(isAffected("3.1.10", c) && !isAffected("3.1.11", c));
});

Deno.test("auditLock finds an advised version in a lock, peer suffixes and accepted ids handled", () => {
  const lock = { npm: { "demo@1.0.0_peer@2.0.0": {}, "@scope/safe@3.0.0": {}, "demo@2.0.0": {} } };
  assertEquals(lockedPackages(lock), [
    { name: "demo", version: "1.0.0" },
    { name: "@scope/safe", version: "3.0.0" },
    { name: "demo", version: "2.0.0" },
  ]);
  const advisories = [
    advisory([{ introduced: "0", fixed: "1.5.0" }]),
    advisory([{ introduced: "0", fixed: "9" }], "@scope/other"),
  ];
  const findings = auditLock(lock, advisories, {});
  assertEquals(findings.map((f) => [f.advisory.package, f.version, f.accepted]), [["demo", "1.0.0", undefined]]);
  assertEquals(auditLock(lock, advisories, { "GHSA-test": "why" })[0].accepted, "why");
});

Deno.test("deno.lock has no advised version except the accepted ones (offline audit, tests/audit/advisories.json)", async () => {
  const [lock, advisories] = await Promise.all([loadLock(), loadAdvisories()]);
  assert(advisories.length > 0);
  for (const a of advisories) {
    assert(a.ranges.length > 0 && a.source, `${a.id}: ranges and source`);
    for (const r of a.ranges) assert(r.fixed ?? r.last_affected, `${a.id}: a range needs an end`);
  }
  const findings = auditLock(lock, advisories);
  assertEquals(
    findings.filter((f) => !f.accepted).map((f) => `${f.advisory.package}@${f.version} ${f.advisory.id}`),
    [],
  );
  // An accepted advisory that no longer applies should be removed from ACCEPTED.
  for (const id of Object.keys(ACCEPTED)) {
    assert(findings.some((f) => f.advisory.id === id || f.advisory.aliases?.includes(id)), `${id} no longer applies`);
  }
});
