import { LAYERS, type Layer, type Severity } from "./check.js";

/**
 * Severity weights and grade bands: the one definition every reporter uses.
 * docs/scoring.md explains them; test/engine/score.test.ts holds worked examples.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = Object.freeze({
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
});

export const GRADE_BANDS: ReadonlyArray<{ grade: Grade; minimumScore: number }> = Object.freeze([
  { grade: "A", minimumScore: 90 },
  { grade: "B", minimumScore: 80 },
  { grade: "C", minimumScore: 70 },
  { grade: "D", minimumScore: 60 },
  { grade: "F", minimumScore: 0 },
]);
export type Grade = "A" | "B" | "C" | "D" | "F";

/** An open critical failure caps the grade here, however good the rest is. */
export const GRADE_CAP_WITH_OPEN_CRITICAL: Grade = "D";

export interface ScoredResult {
  status: "pass" | "fail" | "unknown" | "not_applicable";
  severity: Severity;
  layer: Layer;
  suppressed: boolean;
}

export interface Tally {
  passedWeight: number;
  evaluatedWeight: number;
  passed: number;
  failed: number;
  unknown: number;
  notApplicable: number;
  suppressed: number;
  openCritical: number;
}

export interface ScoreCard {
  /** 0..100, rounded to one decimal; null when nothing weighted was evaluated. */
  overall: number | null;
  byLayer: Record<Layer, number | null>;
  grade: Grade | null;
  /** Share of results that could be decided (pass or fail) among those that apply. */
  coverage: number | null;
  tally: Tally;
}

export function emptyTally(): Tally {
  return { passedWeight: 0, evaluatedWeight: 0, passed: 0, failed: 0, unknown: 0, notApplicable: 0, suppressed: 0, openCritical: 0 };
}

/**
 * Adds one result. Unknown and not-applicable are left out of the ratio (they are coverage, not
 * score); a suppressed failure is an accepted risk, so it is left out too and counted as suppressed.
 */
export function addToTally(tally: Tally, result: ScoredResult): void {
  const weight = SEVERITY_WEIGHTS[result.severity];
  if (result.suppressed && result.status === "fail") {
    tally.suppressed += 1;
    return;
  }
  switch (result.status) {
    case "pass":
      tally.passed += 1;
      tally.passedWeight += weight;
      tally.evaluatedWeight += weight;
      break;
    case "fail":
      tally.failed += 1;
      tally.evaluatedWeight += weight;
      if (result.severity === "critical") tally.openCritical += 1;
      break;
    case "unknown":
      tally.unknown += 1;
      break;
    case "not_applicable":
      tally.notApplicable += 1;
      break;
  }
}

function ratio(tally: Tally): number | null {
  if (tally.evaluatedWeight === 0) return null;
  return Math.round((1000 * tally.passedWeight) / tally.evaluatedWeight) / 10;
}

/** The grade band a score falls in, before the cap for open critical failures. */
export function gradeBand(score: number): Grade {
  return GRADE_BANDS.find((entry) => score >= entry.minimumScore)?.grade ?? "F";
}

export function gradeFor(score: number | null, openCritical: number): Grade | null {
  if (score === null) return null;
  const band = gradeBand(score);
  if (openCritical > 0 && GRADE_BANDS.findIndex((b) => b.grade === band) < GRADE_BANDS.findIndex((b) => b.grade === GRADE_CAP_WITH_OPEN_CRITICAL)) {
    return GRADE_CAP_WITH_OPEN_CRITICAL;
  }
  return band;
}

/**
 * Why a grade is worse than its score's band, in words; null when it is not. Only the open-critical
 * cap lowers a grade, so a grade below the band is always that cap.
 */
export function gradeCapNote(score: number | null, grade: Grade | null): string | null {
  if (score === null || grade === null) return null;
  const band = gradeBand(score);
  if (band === grade) return null;
  return `capped at ${grade} by an open critical failure (the score alone gives ${band})`;
}

const GRADE_ORDER: readonly Grade[] = ["F", "D", "C", "B", "A"];

/** Worst first: F before D … A, ungraded last; then the lower score first. */
export function compareWorstFirst(a: { grade: Grade | null; score: number | null }, b: { grade: Grade | null; score: number | null }): number {
  const rank = (grade: Grade | null) => (grade === null ? GRADE_ORDER.length : GRADE_ORDER.indexOf(grade));
  const byGrade = rank(a.grade) - rank(b.grade);
  if (byGrade !== 0) return byGrade;
  if (a.score === null || b.score === null) return Number(a.score === null) - Number(b.score === null);
  return a.score - b.score;
}

/** Tallies of one scope (a function, or the account): overall and per layer. */
export class ScoreAccumulator {
  readonly total: Tally = emptyTally();
  readonly layers: Record<Layer, Tally> = { provider: emptyTally(), customer: emptyTally(), shared: emptyTally() };

  add(result: ScoredResult): void {
    addToTally(this.total, result);
    addToTally(this.layers[result.layer], result);
  }

  /** Adds another scope's tallies: the account is the sum of its functions. */
  merge(other: ScoreAccumulator): void {
    mergeTally(this.total, other.total);
    for (const layer of LAYERS) mergeTally(this.layers[layer], other.layers[layer]);
  }

  /** The tallies as plain data (a result stores them; `fromTallies` reads them back). */
  tallies(): { total: Tally; layers: Record<Layer, Tally> } {
    return { total: { ...this.total }, layers: { provider: { ...this.layers.provider }, customer: { ...this.layers.customer }, shared: { ...this.layers.shared } } };
  }

  static fromTallies(tallies: { total: Tally; layers: Record<Layer, Tally> }): ScoreAccumulator {
    const accumulator = new ScoreAccumulator();
    mergeTally(accumulator.total, tallies.total);
    for (const layer of LAYERS) mergeTally(accumulator.layers[layer], tallies.layers[layer]);
    return accumulator;
  }

  card(): ScoreCard {
    const total = this.total;
    const overall = ratio(total);
    const decided = total.passed + total.failed;
    const applicable = decided + total.unknown;
    return {
      overall,
      byLayer: { provider: ratio(this.layers.provider), customer: ratio(this.layers.customer), shared: ratio(this.layers.shared) },
      grade: gradeFor(overall, total.openCritical),
      coverage: applicable === 0 ? null : Math.round((1000 * decided) / applicable) / 10,
      tally: { ...total },
    };
  }
}

function mergeTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

export function scoreResults(results: Iterable<ScoredResult>): ScoreCard {
  const accumulator = new ScoreAccumulator();
  for (const result of results) accumulator.add(result);
  return accumulator.card();
}
