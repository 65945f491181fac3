import { beforeAll, describe, expect, it } from "vitest";
import type { AnyCheck, Status } from "../../src/engine/check.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { engineSettingsFrom, type CheckSettingsInput } from "../../src/engine/settings.js";
import { SnapshotView } from "../../src/engine/view/view.js";
import type { ActionCatalogue } from "../../src/policy/index.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { testCatalogue } from "./evaluate.js";

export interface CheckCase {
  name: string;
  /** The snapshot the case runs on (build with snapshotWith / secureFunction). */
  snapshot: Snapshot;
  /** The resource whose result is asserted; defaults to the only resource of the check's type. */
  resourceArn?: string;
  /** `checkSettings` as the config file gives them (engine and check thresholds). */
  settings?: CheckSettingsInput;
  expect: { status: Status; reason: string; evidence?: Record<string, unknown> };
}

/**
 * The table tester every check uses: demands pass, fail and unknown cases, rejects duplicate
 * names, freezes inputs (a check that mutates the snapshot throws), runs the real engine and
 * asserts the stable reason id, never the English sentence; and every reason a case returns must
 * be one the check declares.
 */
export function describeCheckCases(check: AnyCheck, cases: CheckCase[]): void {
  describe(`check ${check.id}`, () => {
    let catalogue: ActionCatalogue;
    beforeAll(async () => {
      catalogue = await testCatalogue();
    });

    it("has pass, fail and unknown cases with distinct names", () => {
      const statuses = new Set(cases.map((c) => c.expect.status));
      for (const status of ["pass", "fail", "unknown"] as const) expect(statuses, `missing a ${status} case`).toContain(status);
      const names = cases.map((c) => c.name);
      expect(new Set(names).size, "duplicate case names").toBe(names.length);
    });

    for (const testCase of cases) {
      it(`${testCase.expect.status}: ${testCase.name}`, () => {
        const checkSettings = testCase.settings ?? {};
        const view = new SnapshotView(testCase.snapshot, { settings: engineSettingsFrom(checkSettings), catalogue });
        const { evaluations, checkErrors } = runChecks(view, [check], checkSettings);
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
        expect(result.message, "an unfilled {placeholder}").not.toMatch(/\{[A-Za-z0-9_.]+\}/);
        if (testCase.expect.evidence) expect(result.evidence).toMatchObject(testCase.expect.evidence);
      });
    }
  });
}
