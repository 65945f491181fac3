import { describe, expect, it } from "vitest";
import type { AnyCheck, Status } from "../../src/engine/check.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { defaultCheckSettings, type CheckSettings } from "../../src/engine/settings.js";
import { SnapshotView } from "../../src/engine/view.js";
import type { Snapshot } from "../../src/snapshot/schema.js";

export interface CheckCase {
  name: string;
  /** The snapshot the case runs on (build with snapshotWith / secureFunction). */
  snapshot: Snapshot;
  /** The resource whose result is asserted; defaults to the only resource of the check's type. */
  resourceArn?: string;
  settings?: Partial<CheckSettings>;
  expect: { status: Status; reason: string; evidence?: Record<string, unknown> };
}

/**
 * The table tester every check uses: demands pass, fail and unknown cases, rejects duplicate
 * names, freezes inputs (a check that mutates the snapshot throws), runs the real engine and
 * asserts the stable reason id, never the English sentence.
 */
export function describeCheckCases(check: AnyCheck, cases: CheckCase[]): void {
  describe(`check ${check.id}`, () => {
    it("has pass, fail and unknown cases with distinct names", () => {
      const statuses = new Set(cases.map((c) => c.expect.status));
      for (const status of ["pass", "fail", "unknown"] as const) expect(statuses, `missing a ${status} case`).toContain(status);
      const names = cases.map((c) => c.name);
      expect(new Set(names).size, "duplicate case names").toBe(names.length);
    });

    for (const testCase of cases) {
      it(`${testCase.expect.status}: ${testCase.name}`, () => {
        const settings = { ...defaultCheckSettings, ...testCase.settings };
        const view = new SnapshotView(testCase.snapshot, settings);
        const { evaluations, checkErrors } = runChecks(view, [check]);
        expect(checkErrors, "the check threw").toEqual([]);
        const matching = testCase.resourceArn
          ? evaluations.filter((e) => e.resource.arn === testCase.resourceArn)
          : evaluations;
        expect(matching, "exactly one result for the resource under test").toHaveLength(1);
        const result = matching[0]!.result;
        expect({ status: result.status, reason: result.reason }).toEqual({
          status: testCase.expect.status,
          reason: testCase.expect.reason,
        });
        expect(result.message.length).toBeGreaterThan(0);
        if (testCase.expect.evidence) expect(result.evidence).toMatchObject(testCase.expect.evidence);
      });
    }
  });
}
