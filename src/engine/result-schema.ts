import { z } from "zod";
import { gapSchema, noteSchema } from "../snapshot/schema.js";
import { LAYERS, PHASES, SEVERITIES, STATUSES } from "./check.js";
import { FINDING_RESOURCE_TYPES } from "./view/resources.js";

/**
 * The scan result contract written by `--format json` (DESIGN section 5).
 * 2: each check's metadata once (`checks[]`), each resource once (`resources[]`), findings that
 * reference both; only failed and unknown findings carry their message and evidence. Version 1
 * results are still read (diff, --baseline, merge): see src/diff/read.ts.
 */
export const SCAN_RESULT_SCHEMA_VERSION = 2;

const score = z.number().min(0).max(100).nullable();
const grade = z.enum(["A", "B", "C", "D", "F"]).nullable();
const layerScores = z.object({ provider: score, customer: score, shared: score });

export const frameworksSchema = z.object({
  nist80053: z.array(z.string()),
  owaspServerless: z.array(z.string()),
  hipaa: z.array(z.string()),
  fsbp: z.array(z.string()),
  cis: z.array(z.string()).optional(),
});

/**
 * A finding with everything about it spelled out, as reporters use it and as version 1 results stored
 * each one (`ResultIndex.expand` builds it from a version 2 result).
 */
export const storedFindingSchema = z.object({
  checkId: z.string(),
  title: z.string(),
  status: z.enum(STATUSES),
  reason: z.string(),
  message: z.string(),
  severity: z.enum(SEVERITIES),
  layer: z.enum(LAYERS),
  phase: z.enum(PHASES),
  resource: z.object({ arn: z.string(), name: z.string(), region: z.string(), type: z.enum(FINDING_RESOURCE_TYPES) }),
  /** Functions whose score this finding counts toward (the resource itself for a function). */
  functionArns: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string(),
  frameworks: frameworksSchema,
  suppressed: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
});
/** A finding spelled out, with the account it is in (a resource ARN does not always name it). */
export type Finding = z.infer<typeof storedFindingSchema> & { accountId: string };

/** What every finding of a check shares, once per result. */
export const checkInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  layer: z.enum(LAYERS),
  phase: z.enum(PHASES),
  resourceType: z.string(),
  remediation: z.string(),
  /** The check's documentation, where the whole remediation is (absent in older results). */
  remediationUrl: z.string().optional(),
  frameworks: frameworksSchema,
});
export type CheckInfo = z.infer<typeof checkInfoSchema>;

/**
 * A resource findings are about, once per result; `functionArns` are the functions its findings count
 * toward. `accountId` only in an organisation result (an API stage's ARN does not name its account).
 */
export const resultResourceSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  type: z.enum(FINDING_RESOURCE_TYPES),
  functionArns: z.array(z.string()),
  accountId: z.string().optional(),
});
export type ResultResource = z.infer<typeof resultResourceSchema>;

/**
 * One check's result on one resource: `resource` is an index into `resources`. Failed and unknown
 * results carry their sentence and evidence; passed and not-applicable ones stay compact.
 */
export const resultFindingSchema = z.object({
  checkId: z.string(),
  status: z.enum(STATUSES),
  reason: z.string(),
  resource: z.number().int().nonnegative(),
  message: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  suppressed: z.object({ reason: z.string(), expires: z.string().optional() }).optional(),
});
export type ResultFinding = z.infer<typeof resultFindingSchema>;

const suppressionEntry = z.object({
  checkId: z.string(),
  resource: z.string(),
  reason: z.string(),
  expires: z.string().optional(),
});

const tallySchema = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  notApplicable: z.number().int(),
  suppressed: z.number().int(),
});

/** A scope's score inputs (src/engine/score.ts Tally): what lets scores of several results be added up exactly. */
export const scoreTallySchema = z.object({
  passedWeight: z.number(),
  evaluatedWeight: z.number(),
  passed: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  notApplicable: z.number().int(),
  suppressed: z.number().int(),
  openCritical: z.number().int(),
});
export const scoreTalliesSchema = z.object({
  total: scoreTallySchema,
  layers: z.object({ provider: scoreTallySchema, customer: scoreTallySchema, shared: scoreTallySchema }),
});
export type ScoreTallies = z.infer<typeof scoreTalliesSchema>;

export const complianceControlSchema = z.object({
  framework: z.string(),
  control: z.string(),
  title: z.string(),
  checkIds: z.array(z.string()),
  pass: z.number().int(),
  /** Open failures; failures accepted by a suppression are in `accepted` (absent in older results, which counted them here). */
  fail: z.number().int(),
  accepted: z.number().int().optional(),
  unknown: z.number().int(),
  notApplicable: z.number().int(),
});
export type ComplianceControl = z.infer<typeof complianceControlSchema>;

export const functionSummarySchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  runtime: z.string().nullable(),
  /** Execution role ARN; null when the snapshot has none for the function. */
  role: z.string().nullable(),
  /** What can invoke the function, as read: function URL, API routes, event sources, policy principals. */
  triggers: z.array(z.string()),
  scores: layerScores.extend({ overall: score }),
  grade,
  coverage: z.number().nullable(),
  counts: tallySchema,
});
export type FunctionSummary = z.infer<typeof functionSummarySchema>;

export const scanResultSchema = z.object({
  schemaVersion: z.literal(SCAN_RESULT_SCHEMA_VERSION),
  scanId: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  collectedAt: z.string(),
  accountId: z.string(),
  partition: z.string(),
  regions: z.array(z.string()),
  checks: z.array(checkInfoSchema),
  /** Filters applied to `findings` (scores and counts are always over every result). */
  filters: z.object({ minimumSeverity: z.enum(SEVERITIES) }),
  summary: z.object({
    functions: z.number().int(),
    score: score,
    grade,
    scoresByLayer: layerScores,
    coverage: z.number().nullable(),
    counts: z.object({
      byStatus: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), not_applicable: z.number().int() }),
      failedBySeverity: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>),
      /** Every suppressed result, whatever its status; `suppressedByStatus` splits it (absent in older results). */
      suppressed: z.number().int(),
      suppressedByStatus: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), not_applicable: z.number().int() }).optional(),
      gaps: z.number().int(),
      checkErrors: z.number().int(),
    }),
    /**
     * The account's score inputs, so an organisation's score is the exact sum of its accounts'. Absent
     * only in a result read from schemaVersion 1 that listed findings from a minimum severity.
     */
    tallies: scoreTalliesSchema.optional(),
  }),
  functions: z.array(functionSummarySchema),
  resources: z.array(resultResourceSchema),
  findings: z.array(resultFindingSchema),
  gaps: z.array(gapSchema),
  /**
   * Slower read paths the collection took where a listing was not available (an emulator, an older
   * partition): not failures, nothing is unknown because of them. Absent: none (and in older results).
   */
  notes: z.array(noteSchema).optional(),
  suppressions: z.object({
    expired: z.array(suppressionEntry),
    unmatched: z.array(suppressionEntry),
  }),
  checkErrors: z.array(z.object({ checkId: z.string(), resourceArn: z.string(), message: z.string() })),
  compliance: z.array(complianceControlSchema),
});
export type ScanResult = z.infer<typeof scanResultSchema>;
