import { evaluateSnapshot, type EvaluateOptions } from "../../src/engine/evaluate.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { defaultEngineSettings } from "../../src/engine/settings.js";
import { SnapshotView } from "../../src/engine/view/view.js";
import { createActionCatalogue, loadActionCatalogue, type ActionCatalogue } from "../../src/policy/index.js";
import type { Snapshot } from "../../src/snapshot/schema.js";

let catalogue: Promise<ActionCatalogue> | undefined;

/** The real IAM action catalogue, loaded once per test file. */
export function testCatalogue(): Promise<ActionCatalogue> {
  catalogue ??= loadActionCatalogue();
  return catalogue;
}

export const TEST_TOOL = { name: "lambda-posture", version: "0.0.0-test" };

type TestEvaluateOptions = Pick<EvaluateOptions, "checks"> & Partial<Omit<EvaluateOptions, "checks">>;

function withDefaults(options: TestEvaluateOptions, catalogue: ActionCatalogue): EvaluateOptions {
  const now = options.now ?? new Date("2026-11-02T00:00:00.000Z");
  return { catalogue, scanId: "test-scan", tool: TEST_TOOL, startedAt: now, now, clock: () => now, ...options };
}

/** The engine with the options a test does not care about filled in (fixed ids and clock). */
export async function evaluateForTest(snapshot: Snapshot, options: TestEvaluateOptions): Promise<ScanResult> {
  return evaluateSnapshot(snapshot, withDefaults(options, await testCatalogue()));
}

/**
 * The same, synchronously, for snapshots whose checks expand no IAM action (no role is evaluated):
 * an empty action catalogue stands in for the real one.
 */
export function evaluateWithoutRoles(snapshot: Snapshot, options: TestEvaluateOptions): ScanResult {
  return evaluateSnapshot(snapshot, withDefaults(options, createActionCatalogue(new Map())));
}

/** A view of a snapshot with default settings, for tests that run one check by hand (no role checks). */
export function viewWithoutRoles(snapshot: Snapshot): SnapshotView {
  return new SnapshotView(snapshot, { settings: defaultEngineSettings, catalogue: createActionCatalogue(new Map()) });
}
