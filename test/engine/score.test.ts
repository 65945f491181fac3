import { describe, expect, it } from "vitest";
import { compareWorstFirst, gradeCapNote, gradeFor, scoreResults, SEVERITY_WEIGHTS, type ScoredResult } from "../../src/engine/score.js";

const r = (status: ScoredResult["status"], severity: ScoredResult["severity"], layer: ScoredResult["layer"] = "customer", suppressed = false): ScoredResult => ({
  status,
  severity,
  layer,
  suppressed,
});

describe("scoring (docs/scoring.md worked examples)", () => {
  it("uses the documented weights", () => {
    expect(SEVERITY_WEIGHTS).toEqual({ critical: 10, high: 5, medium: 3, low: 1, info: 0 });
  });

  it("example 1: one high failure among passes", () => {
    // passed: critical 10 + medium 3 + low 1 = 14; evaluated: 14 + high 5 = 19 -> 73.7
    const card = scoreResults([r("pass", "critical"), r("pass", "medium"), r("pass", "low"), r("fail", "high")]);
    expect(card.overall).toBe(73.7);
    expect(card.grade).toBe("C");
    expect(card.byLayer).toEqual({ provider: null, customer: 73.7, shared: null });
  });

  it("example 2: unknown and not applicable are coverage, not score", () => {
    const card = scoreResults([r("pass", "high"), r("unknown", "critical"), r("not_applicable", "high")]);
    expect(card.overall).toBe(100);
    expect(card.coverage).toBe(50);
    expect(card.tally).toMatchObject({ passed: 1, unknown: 1, notApplicable: 1 });
  });

  it("example 3: an open critical caps the grade at D", () => {
    const results = [r("fail", "critical"), ...Array.from({ length: 20 }, () => r("pass", "critical"))];
    const card = scoreResults(results);
    expect(card.overall).toBe(95.2);
    expect(card.grade).toBe("D");
  });

  it("example 4: a suppressed failure is an accepted risk, left out of the ratio", () => {
    const card = scoreResults([r("pass", "medium", "shared"), r("fail", "critical", "shared", true)]);
    expect(card.overall).toBe(100);
    expect(card.grade).toBe("A");
    expect(card.tally.suppressed).toBe(1);
  });

  it("example 5: per-layer scores are separate ratios", () => {
    const card = scoreResults([r("pass", "high", "provider"), r("fail", "high", "provider"), r("pass", "low", "shared")]);
    expect(card.byLayer).toEqual({ provider: 50, customer: null, shared: 100 });
    expect(card.overall).toBe(54.5); // 6 / 11
    expect(card.grade).toBe("F");
  });

  it("has no score when nothing weighted was evaluated", () => {
    const card = scoreResults([r("pass", "info"), r("unknown", "high")]);
    expect(card.overall).toBeNull();
    expect(card.grade).toBeNull();
  });

  it("grade bands", () => {
    expect([90, 89.9, 80, 79.9, 70, 60, 59.9].map((score) => gradeFor(score, 0))).toEqual(["A", "B", "B", "C", "C", "D", "F"]);
    expect(gradeFor(45, 1)).toBe("F");
  });
});

describe("grade explanations and order", () => {
  it("explains a grade capped by an open critical failure, and nothing otherwise", () => {
    expect(gradeCapNote(87.9, "D")).toBe("capped at D by an open critical failure (the score alone gives B)");
    expect(gradeCapNote(87.9, "B")).toBeNull();
    expect(gradeCapNote(45, "F")).toBeNull();
    expect(gradeCapNote(null, null)).toBeNull();
  });

  it("orders worst first: by grade, then by score, ungraded last", () => {
    const scopes = [
      { name: "b-high", grade: "B" as const, score: 88 },
      { name: "none", grade: null, score: null },
      { name: "d-capped", grade: "D" as const, score: 87.9 },
      { name: "b-low", grade: "B" as const, score: 81 },
      { name: "f", grade: "F" as const, score: 20 },
    ];
    expect([...scopes].sort(compareWorstFirst).map((scope) => scope.name)).toEqual(["f", "d-capped", "b-low", "b-high", "none"]);
  });
});
