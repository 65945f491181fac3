import { z } from "zod";
import { gapSchema, type Gap } from "../snapshot/schema.js";
import { SEVERITIES, STATUSES, type Severity } from "./check.js";
import { ResultIndex } from "./result-index.js";
import {
  checkInfoSchema,
  complianceControlSchema,
  resultFindingSchema,
  resultResourceSchema,
  scanResultSchema,
  scoreTalliesSchema,
  type CheckInfo,
  type ComplianceControl,
  type ResultFinding,
  type ResultResource,
  type ScanResult,
} from "./result-schema.js";
import { ScoreAccumulator } from "./score.js";

/**
 * The organisation result: what an organisation-wide scan (or `merge`) writes beside the per-account
 * results. It keeps each account's summary and score inputs, and only the findings someone acts on
 * (failed and unknown) of every account, so its size grows with the open problems, not with the
 * organisation's functions. DESIGN section 5.
 */
export const ORGANIZATION_RESULT_SCHEMA_VERSION = 1;
export const ORGANIZATION_RESULT_KIND = "lambda-posture-organization";

export const ACCOUNT_STATUSES = ["scanned", "failed", "skipped"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Where an account came from and what AWS Organizations says about it (null when not listed). */
export const accountIdentitySchema = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  /** The account's name in AWS Organizations. */
  name: z.string().nullable(),
  /** Organizations `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED...). */
  state: z.string().nullable(),
  /** The organisational unit (or root) directly above the account, when the OU tree was walked. */
  parentId: z.string().nullable(),
});
export type AccountIdentity = z.infer<typeof accountIdentitySchema>;

const resultSummarySchema = scanResultSchema.shape.summary;

export const accountEntrySchema = accountIdentitySchema.extend({
  status: z.enum(ACCOUNT_STATUSES),
  /** Why the account was not scanned (failed or skipped); null when scanned. */
  reason: z.string().nullable(),
  /** The AWS error code behind a failure (AccessDenied for a role that cannot be assumed). */
  errorCode: z.string().nullable(),
  scanId: z.string().nullable(),
  collectedAt: z.string().nullable(),
  regions: z.array(z.string()),
  /** The account's own reports, by format, relative to the organisation result's directory. */
  files: z.record(z.string(), z.string()),
  summary: resultSummarySchema.nullable(),
});
export type AccountEntry = z.infer<typeof accountEntrySchema>;

export const organizationResourceSchema = resultResourceSchema.extend({ accountId: z.string() });
export type OrganizationResource = z.infer<typeof organizationResourceSchema>;

const countsSchema = resultSummarySchema.shape.counts;

export const organizationResultSchema = z.object({
  kind: z.literal(ORGANIZATION_RESULT_KIND),
  schemaVersion: z.literal(ORGANIZATION_RESULT_SCHEMA_VERSION),
  scanId: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  partition: z.string(),
  /** The organisation the accounts belong to, when the starting credentials could read it. */
  organization: z.object({ id: z.string(), managementAccountId: z.string() }).nullable(),
  /** How the accounts were chosen, so a merge can tell shards of one run from other runs. */
  selection: z.object({
    source: z.enum(["accounts", "organization", "ou", "results"]),
    organizationalUnits: z.array(z.string()),
    excluded: z.array(z.string()),
    /** This result covers one slice of the accounts (1-based index); null for the whole selection. */
    shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).nullable(),
  }),
  checks: z.array(checkInfoSchema),
  filters: z.object({ minimumSeverity: z.enum(SEVERITIES) }),
  summary: z.object({
    accounts: z.object({ total: z.number().int(), scanned: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
    functions: z.number().int(),
    score: resultSummarySchema.shape.score,
    grade: resultSummarySchema.shape.grade,
    scoresByLayer: resultSummarySchema.shape.scoresByLayer,
    coverage: resultSummarySchema.shape.coverage,
    counts: countsSchema,
    tallies: scoreTalliesSchema,
  }),
  accounts: z.array(accountEntrySchema),
  resources: z.array(organizationResourceSchema),
  /** Failed and unknown findings of every scanned account (passes stay in the per-account results). */
  findings: z.array(resultFindingSchema),
  /** Accounts that could not be scanned, one gap each (per-account gaps stay in their results). */
  gaps: z.array(gapSchema.extend({ accountId: z.string() })),
  compliance: z.array(complianceControlSchema),
});
export type OrganizationResult = z.infer<typeof organizationResultSchema>;
export type AccountGap = OrganizationResult["gaps"][number];

/** What the builder needs from a finished account besides its result. */
export interface ScannedAccount {
  identity: AccountIdentity;
  result: ScanResult;
  files: Record<string, string>;
}

export interface UnscannedAccount {
  identity: AccountIdentity;
  status: Exclude<AccountStatus, "scanned">;
  reason: string;
  errorCode: string | null;
  /** The gap that explains a failure (skipped accounts have none). */
  gap?: Gap;
}

const emptyCounts = (): ScanResult["summary"]["counts"] => ({
  byStatus: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 },
  failedBySeverity: Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>,
  suppressed: 0,
  suppressedByStatus: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 },
  gaps: 0,
  checkErrors: 0,
});

function addCounts(into: ScanResult["summary"]["counts"], from: ScanResult["summary"]["counts"]): void {
  for (const status of STATUSES) into.byStatus[status] += from.byStatus[status];
  for (const severity of SEVERITIES) into.failedBySeverity[severity] += from.failedBySeverity[severity];
  into.suppressed += from.suppressed;
  // An account result without the split (an older one) leaves the organisation without it too.
  if (into.suppressedByStatus && from.suppressedByStatus) for (const status of STATUSES) into.suppressedByStatus[status] += from.suppressedByStatus[status];
  else delete into.suppressedByStatus;
  into.gaps += from.gaps;
  into.checkErrors += from.checkErrors;
}

const isActionable = (finding: ResultFinding) => finding.status === "fail" || finding.status === "unknown";

/**
 * Collects finished accounts one at a time and keeps only what the organisation result holds, so an
 * organisation scan's memory is bounded by the accounts in flight. `build` orders accounts by id:
 * the same accounts give the same result whatever order they finished in, or whichever shard ran them.
 */
export class OrganizationResultBuilder {
  private readonly entries = new Map<string, { entry: AccountEntry; resources: ResultResource[]; findings: ResultFinding[]; gap?: Gap }>();
  private readonly checks = new Map<string, CheckInfo>();
  private readonly compliance = new Map<string, ComplianceControl>();
  private minimumSeverity: Severity | undefined;
  private readonly unscoredAccounts: string[] = [];

  /** Adds an account's result; only its failed and unknown findings (and their resources) are kept. */
  addScanned({ identity, result, files }: ScannedAccount): void {
    this.assertNew(identity.accountId);
    if (result.accountId !== identity.accountId) {
      throw new Error(`the result for account ${identity.accountId} is of account ${result.accountId}`);
    }
    this.addChecks(result.checks);
    this.minimumSeverity ??= result.filters.minimumSeverity;
    for (const control of result.compliance) this.addControl(control);
    const index = new ResultIndex(result);
    const kept = new Map<number, number>();
    const resources: ResultResource[] = [];
    const findings: ResultFinding[] = [];
    for (const finding of result.findings) {
      if (!isActionable(finding)) continue;
      let local = kept.get(finding.resource);
      if (local === undefined) {
        local = resources.length;
        resources.push({ ...index.resource(finding), accountId: identity.accountId });
        kept.set(finding.resource, local);
      }
      findings.push({ ...finding, resource: local });
    }
    if (!result.summary.tallies) this.unscoredAccounts.push(identity.accountId);
    this.entries.set(identity.accountId, {
      entry: {
        ...identity,
        status: "scanned",
        reason: null,
        errorCode: null,
        scanId: result.scanId,
        collectedAt: result.collectedAt,
        regions: [...result.regions],
        files,
        summary: result.summary,
      },
      resources,
      findings,
    });
  }

  /** Adds an account that was listed but not scanned: a failure (with its gap) or a skip. */
  addUnscanned(account: UnscannedAccount): void {
    this.assertNew(account.identity.accountId);
    this.entries.set(account.identity.accountId, {
      entry: {
        ...account.identity,
        status: account.status,
        reason: account.reason,
        errorCode: account.errorCode,
        scanId: null,
        collectedAt: null,
        regions: [],
        files: {},
        summary: null,
      },
      resources: [],
      findings: [],
      ...(account.gap ? { gap: account.gap } : {}),
    });
  }

  /** Adds every account of another organisation result (a shard): the same as adding them one by one. */
  addOrganizationResult(part: OrganizationResult): void {
    this.addChecks(part.checks);
    this.minimumSeverity ??= part.filters.minimumSeverity;
    for (const control of part.compliance) this.addControl(control);
    const findingsByAccount = new Map<string, { resources: ResultResource[]; findings: ResultFinding[] }>();
    const kept = new Map<number, number>();
    for (const finding of part.findings) {
      const resource = part.resources[finding.resource] as OrganizationResource;
      let bucket = findingsByAccount.get(resource.accountId);
      if (!bucket) {
        bucket = { resources: [], findings: [] };
        findingsByAccount.set(resource.accountId, bucket);
      }
      let local = kept.get(finding.resource);
      if (local === undefined) {
        local = bucket.resources.length;
        bucket.resources.push(resource);
        kept.set(finding.resource, local);
      }
      bucket.findings.push({ ...finding, resource: local });
    }
    const gaps = new Map(part.gaps.map(({ accountId, ...gap }) => [accountId, gap]));
    for (const entry of part.accounts) {
      this.assertNew(entry.accountId);
      if (entry.status === "scanned" && !entry.summary?.tallies) this.unscoredAccounts.push(entry.accountId);
      const gap = gaps.get(entry.accountId);
      this.entries.set(entry.accountId, { entry, ...(findingsByAccount.get(entry.accountId) ?? { resources: [], findings: [] }), ...(gap ? { gap } : {}) });
    }
  }

  /** Accounts whose score inputs are unknown (results upgraded from schemaVersion 1): left out of the organisation score. */
  get accountsWithoutScores(): readonly string[] {
    return this.unscoredAccounts;
  }

  get size(): number {
    return this.entries.size;
  }

  build(meta: Pick<OrganizationResult, "scanId" | "tool" | "startedAt" | "finishedAt" | "partition" | "organization" | "selection"> & { minimumSeverity?: Severity }): OrganizationResult {
    const accounts: AccountEntry[] = [];
    const resources: OrganizationResource[] = [];
    const findings: ResultFinding[] = [];
    const gaps: AccountGap[] = [];
    const scores = new ScoreAccumulator();
    const counts = emptyCounts();
    let functions = 0;
    const tally = { total: 0, scanned: 0, failed: 0, skipped: 0 };
    for (const accountId of [...this.entries.keys()].sort()) {
      const { entry, resources: own, findings: ownFindings, gap } = this.entries.get(accountId) as NonNullable<ReturnType<typeof this.entries.get>>;
      accounts.push(entry);
      tally.total += 1;
      tally[entry.status] += 1;
      if (gap) gaps.push({ ...gap, accountId });
      if (entry.summary) {
        functions += entry.summary.functions;
        addCounts(counts, entry.summary.counts);
        if (entry.summary.tallies) scores.merge(ScoreAccumulator.fromTallies(entry.summary.tallies));
      }
      const offset = resources.length;
      for (const resource of own) resources.push({ ...resource, accountId });
      for (const finding of ownFindings) findings.push({ ...finding, resource: finding.resource + offset });
    }
    const card = scores.card();
    return {
      kind: ORGANIZATION_RESULT_KIND,
      schemaVersion: ORGANIZATION_RESULT_SCHEMA_VERSION,
      scanId: meta.scanId,
      tool: meta.tool,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      partition: meta.partition,
      organization: meta.organization,
      selection: meta.selection,
      checks: [...this.checks.values()].sort((a, b) => a.id.localeCompare(b.id)),
      filters: { minimumSeverity: this.minimumSeverity ?? meta.minimumSeverity ?? "info" },
      summary: {
        accounts: tally,
        functions,
        score: card.overall,
        grade: card.grade,
        scoresByLayer: card.byLayer,
        coverage: card.coverage,
        counts: { ...counts, gaps: counts.gaps + gaps.length },
        tallies: scores.tallies(),
      },
      accounts,
      resources,
      findings,
      gaps,
      compliance: [...this.compliance.values()].sort((a, b) =>
        a.framework === b.framework ? a.control.localeCompare(b.control, "en", { numeric: true }) : a.framework.localeCompare(b.framework),
      ),
    };
  }

  private assertNew(accountId: string): void {
    if (this.entries.has(accountId)) throw new Error(`account ${accountId} is in the organisation result twice`);
  }

  private addChecks(checks: readonly CheckInfo[]): void {
    for (const check of checks) if (!this.checks.has(check.id)) this.checks.set(check.id, check);
  }

  private addControl(control: ComplianceControl): void {
    const key = `${control.framework}\u0000${control.control}`;
    const entry = this.compliance.get(key);
    if (!entry) {
      this.compliance.set(key, { ...control, checkIds: [...control.checkIds] });
      return;
    }
    for (const id of control.checkIds) if (!entry.checkIds.includes(id)) entry.checkIds.push(id);
    entry.pass += control.pass;
    entry.fail += control.fail;
    if (entry.accepted !== undefined && control.accepted !== undefined) entry.accepted += control.accepted;
    else delete entry.accepted;
    entry.unknown += control.unknown;
    entry.notApplicable += control.notApplicable;
  }
}

/**
 * The organisation result in the shape reporters read (a ScanResult): organisation totals as the
 * summary, every account's failed and unknown findings (each resource naming its account), and one
 * gap per account that could not be scanned. It has no per-function summaries (those stay in the
 * per-account results); reporters show the accounts from `ReportContext.organization` instead.
 */
export function organizationView(organization: OrganizationResult): ScanResult {
  const regions = new Set<string>();
  for (const account of organization.accounts) for (const region of account.regions) regions.add(region);
  const { accounts: _accounts, tallies, ...summary } = organization.summary;
  return {
    schemaVersion: scanResultSchema.shape.schemaVersion.value,
    scanId: organization.scanId,
    tool: organization.tool,
    startedAt: organization.startedAt,
    finishedAt: organization.finishedAt,
    collectedAt: organization.startedAt,
    accountId: organization.organization?.id ?? "organisation",
    partition: organization.partition,
    regions: [...regions].sort(),
    checks: organization.checks,
    filters: organization.filters,
    summary: { ...summary, tallies },
    functions: [],
    resources: organization.resources,
    findings: organization.findings,
    gaps: organization.gaps,
    suppressions: { expired: [], unmatched: [] },
    checkErrors: [],
    compliance: organization.compliance,
  };
}
