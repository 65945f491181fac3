import { afterAll, describe, expect, it } from "vitest";
import type { ClassifiedValue } from "../../src/snapshot/schema.js";
import { classifiedValueSchema } from "../../src/snapshot/schema.js";
import { classifyVariables, SECRET_KINDS } from "../../src/snapshot/secrets.js";
import { type CorpusCase, FALSE_SECRETS, TRUE_SECRETS } from "./secrets-corpus.js";

/**
 * The classifier against a labelled corpus (secrets-corpus.ts). Each case must get exactly its kinds;
 * precision and recall over the corpus ("flagged as any kind" against "is a secret") are printed and
 * must not fall below what was measured when the rules were written.
 */
const MIN_PRECISION = 0.985;
const MIN_RECALL = 0.955;

const ALL = [...TRUE_SECRETS, ...FALSE_SECRETS];

/** Classify every case as the collector would: all the variables of one place in one call. */
async function classifyCorpus(cases: readonly CorpusCase[]): Promise<Map<CorpusCase, ClassifiedValue>> {
  const results = new Map<CorpusCase, ClassifiedValue>();
  // Keys repeat across cases (two DB_PASSWORDs), so each case is its own variable set.
  for (const corpusCase of cases) {
    const [classified] = await classifyVariables({ [corpusCase.key]: corpusCase.value });
    results.set(corpusCase, classified as ClassifiedValue);
  }
  return results;
}

const label = (corpusCase: CorpusCase) => `${corpusCase.where} ${corpusCase.key}${corpusCase.note ? ` (${corpusCase.note})` : ""}`;

describe("secret classifier corpus", async () => {
  const results = await classifyCorpus(ALL);

  it("has at least 40 secrets and 40 non-secrets, each key/value pair once", () => {
    expect(TRUE_SECRETS.length).toBeGreaterThanOrEqual(40);
    expect(FALSE_SECRETS.length).toBeGreaterThanOrEqual(40);
    expect(TRUE_SECRETS.every((corpusCase) => corpusCase.kinds.length > 0)).toBe(true);
    expect(FALSE_SECRETS.every((corpusCase) => corpusCase.kinds.length === 0)).toBe(true);
    expect(new Set(ALL.map((corpusCase) => `${corpusCase.key}=${corpusCase.value}`)).size).toBe(ALL.length);
  });

  const known = (cases: CorpusCase[], limitation: boolean) => cases.filter((corpusCase) => (corpusCase.knownLimitation !== undefined) === limitation);

  it.each(known(TRUE_SECRETS, false).map((corpusCase) => [label(corpusCase), corpusCase] as const))("recognises %s", (_name, corpusCase) => {
    const result = results.get(corpusCase);
    expect(result?.secretKinds).toEqual(corpusCase.kinds);
    expect(result?.isReference).toBe(false);
  });

  it.each(known(FALSE_SECRETS, false).map((corpusCase) => [label(corpusCase), corpusCase] as const))("does not flag %s", (_name, corpusCase) => {
    expect(results.get(corpusCase)?.secretKinds).toEqual([]);
  });

  // A known limitation that starts to pass should move to the cases above (and raise the floors).
  it.each(ALL.filter((corpusCase) => corpusCase.knownLimitation).map((corpusCase) => [label(corpusCase), corpusCase] as const))(
    "still gets %s wrong, as documented",
    (_name, corpusCase) => {
      expect(results.get(corpusCase)?.secretKinds).toEqual(corpusCase.knownLimitation?.actual);
    },
  );

  it("explains every kind inferred from shape, and only those", () => {
    for (const [corpusCase, result] of results) {
      const inferred = result.secretKinds.filter((kind) => kind === "possible-secret" || (kind === "aws-secret-access-key" && corpusCase.key !== "AWS_SECRET_ACCESS_KEY"));
      expect(result.evidence?.map((evidence) => evidence.kind) ?? [], label(corpusCase)).toEqual(inferred);
      for (const evidence of result.evidence ?? []) {
        expect(evidence.confidence).toBe(evidence.kind === "possible-secret" ? "low" : "medium");
        expect(evidence.rule).toBe(evidence.kind === "possible-secret" ? "high-entropy" : "aws-secret-access-key-shape");
        expect(evidence.reason).toMatch(/\d+ characters, \d\.\d bits of entropy per character/);
      }
    }
  });

  it("returns only the key, the length, kinds, the reference flag and evidence: no value, no part of one", () => {
    for (const [corpusCase, result] of results) {
      expect(classifiedValueSchema.strict().parse(result)).toEqual(result);
      expect(result.key).toBe(corpusCase.key);
      expect(result.valueLength).toBe(corpusCase.value.length);
      // Every other field is a number, a boolean or a name from a fixed list (`github-token` shares
      // letters with `github_pat_` by design); only the evidence's reason is free text.
      for (const kind of result.secretKinds) expect(Object.keys(SECRET_KINDS)).toContain(kind);
      for (const evidence of result.evidence ?? []) {
        expect(["high-entropy", "aws-secret-access-key-shape"]).toContain(evidence.rule);
        expect(["medium", "low"]).toContain(evidence.confidence);
      }
      const written = (result.evidence ?? []).map((evidence) => evidence.reason).join("\n");
      const value = corpusCase.value;
      for (let start = 0; start + 6 <= value.length; start += 1) {
        const piece = value.slice(start, start + 6);
        if (written.includes(piece)) expect.fail(`${label(corpusCase)}: output contains "${piece.slice(0, 2)}…" from the value`);
      }
    }
  });

  const flagged = (corpusCase: CorpusCase) => (results.get(corpusCase)?.secretKinds.length ?? 0) > 0;
  const truePositives = TRUE_SECRETS.filter(flagged).length;
  const falsePositives = FALSE_SECRETS.filter(flagged).length;
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / TRUE_SECRETS.length;

  it("keeps precision and recall at or above what was measured", () => {
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  afterAll(() => {
    console.log(
      `secret corpus: ${TRUE_SECRETS.length} secrets, ${FALSE_SECRETS.length} non-secrets; ` +
        `precision ${precision.toFixed(3)} (${truePositives}/${truePositives + falsePositives}), ` +
        `recall ${recall.toFixed(3)} (${truePositives}/${TRUE_SECRETS.length})`,
    );
  });
});
