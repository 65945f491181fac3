import { performance } from "node:perf_hooks";
import { secretLintProfiler } from "@secretlint/profiler";
import { describe, expect, it } from "vitest";
import { classifyVariables } from "../../src/snapshot/secrets.js";

/**
 * secretlint marks every lint and rule on a process-wide profiler that keeps each mark forever; an
 * organisation scan classifies thousands of functions in one process, so classifying must leave
 * nothing behind (src/snapshot/secrets/secretlint.ts).
 */
describe("classifying many functions", () => {
  it("adds no performance marks and no profiler entries", async () => {
    const marksBefore = performance.getEntriesByType("mark").length;
    for (let i = 0; i < 40; i += 1) {
      const classified = await classifyVariables({ TABLE: `orders-${i}`, SLACK: "xox" + "b-1234567890-1234567890-abcdefghijklmnopqrstuvwx" });
      expect(classified.find((variable) => variable.key === "SLACK")?.secretKinds).toEqual(["slack-token"]);
    }
    expect(performance.getEntriesByType("mark").length).toBe(marksBefore);
    expect(await secretLintProfiler.getEntries()).toEqual([]);
  });
});
