/**
 * Which permissions a caller needs to invoke a Lambda function URL, as dated data.
 *
 * Until October 2025 `lambda:InvokeFunctionUrl` alone let a caller invoke a URL. Since then new URLs
 * need `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction` (the latter may be limited to URL calls
 * with the Bool condition `lambda:InvokedViaFunctionUrl` = true). Accounts that already had function
 * URLs in a region were given a temporary exception, addressed per account and region, until
 * 2026-11-01. No retrievable source (as of 2026-11-30) confirms that AWS enforced the new model on
 * that date, so after it a URL-only grant on an older URL is "unconfirmed": it may still work.
 *
 * Sources, retrieved 2026-11-30:
 * - AWS, "Control access to Lambda function URLs": "Starting in October 2025, new function URLs will
 *   require both lambda:InvokeFunctionUrl and lambda:InvokeFunction permissions."
 *   https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html (no exact day is documented).
 * - AWS Health notice, quoted in serverless/serverless#13147 (2025-10-29) and anomalyco/sst#6202:
 *   "Previously, only lambda:InvokeFunctionUrl permissions were required", "Your account in the
 *   <Region> Region has previously created a function URL ... we have granted a temporary exception",
 *   "update them to align with the new authorization model by November 1, 2026".
 *   https://github.com/serverless/serverless/issues/13147
 *
 * Judged at the snapshot's `collectedAt`, so re-checking an old snapshot gives the same answer.
 */

export const FUNCTION_URL_AUTH_AS_OF = "2026-11-30";

/** The first day of the month the change started in (the day itself is not documented). */
export const DUAL_PERMISSION_START = "2025-10-01";
/** The first day after that month: URLs created from here on are certainly under the new model. */
export const DUAL_PERMISSION_CERTAIN = "2025-11-01";
/** The end of the temporary exception for accounts and regions that already had URLs. */
export const LEGACY_EXCEPTION_END = "2026-11-01";

export type FunctionUrlAuthRuleId = "url-permission-only" | "dual-permission" | "legacy-exception" | "dual-permission-all";

export interface FunctionUrlAuthRule {
  id: FunctionUrlAuthRuleId;
  summary: string;
  /** First day the rule applies (inclusive), ISO date; null: since function URLs exist. */
  from: string | null;
  /** Day the rule stops applying (exclusive); null: still in force. */
  until: string | null;
  /** Does `lambda:InvokeFunctionUrl` alone let a caller invoke the URL under this rule? */
  urlPermissionAloneInvokes: boolean;
  source: { url: string; retrieved: string; note?: string };
}

const URLS_AUTH = "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";
const HEALTH_NOTICE = "https://github.com/serverless/serverless/issues/13147";

export const FUNCTION_URL_AUTH_RULES: Readonly<Record<FunctionUrlAuthRuleId, FunctionUrlAuthRule>> = Object.freeze({
  "url-permission-only": {
    id: "url-permission-only",
    summary: "lambda:InvokeFunctionUrl alone invokes a function URL.",
    from: null,
    until: DUAL_PERMISSION_START,
    urlPermissionAloneInvokes: true,
    source: { url: HEALTH_NOTICE, retrieved: FUNCTION_URL_AUTH_AS_OF, note: "AWS Health notice: previously only lambda:InvokeFunctionUrl was required" },
  },
  "dual-permission": {
    id: "dual-permission",
    summary: "A function URL created from October 2025 needs lambda:InvokeFunctionUrl and lambda:InvokeFunction.",
    from: DUAL_PERMISSION_START,
    until: null,
    urlPermissionAloneInvokes: false,
    source: { url: URLS_AUTH, retrieved: FUNCTION_URL_AUTH_AS_OF, note: "only the month, October 2025, is documented" },
  },
  "legacy-exception": {
    id: "legacy-exception",
    summary: "Accounts that had function URLs in a region before October 2025 keep invoking them with lambda:InvokeFunctionUrl alone until 2026-11-01.",
    from: DUAL_PERMISSION_START,
    until: LEGACY_EXCEPTION_END,
    urlPermissionAloneInvokes: true,
    source: { url: HEALTH_NOTICE, retrieved: FUNCTION_URL_AUTH_AS_OF, note: "the exception is addressed per account and region, not per URL" },
  },
  "dual-permission-all": {
    id: "dual-permission-all",
    summary: "From 2026-11-01 every function URL needs lambda:InvokeFunctionUrl and lambda:InvokeFunction.",
    from: LEGACY_EXCEPTION_END,
    until: null,
    urlPermissionAloneInvokes: false,
    source: { url: HEALTH_NOTICE, retrieved: FUNCTION_URL_AUTH_AS_OF, note: "enforcement after 2026-11-01 is not confirmed by any retrievable source" },
  },
});

/**
 * Why the rule was applied conservatively: the creation time or the snapshot time was not known, the
 * change's exact start day is not documented, the exception's coverage of later URLs in an excepted
 * account and region is not documented, or enforcement after the exception's end is not confirmed.
 */
export type FunctionUrlAuthAssumption = "creationTimeUnknown" | "collectedAtUnknown" | "startDayUndocumented" | "exceptionCoverageUndocumented" | "enforcementUnconfirmed";

export interface AppliedFunctionUrlAuthRule {
  rule: FunctionUrlAuthRule;
  /**
   * Whether `lambda:InvokeFunctionUrl` alone invokes the URL: "yes", "no", or "unconfirmed" (it may: the
   * scanner then treats the URL permission alone as enough, the conservative side for exposure).
   */
  urlPermissionAlone: "yes" | "no" | "unconfirmed";
  assumptions: FunctionUrlAuthAssumption[];
}

export interface FunctionUrlAuthInput {
  /**
   * The URL's CreationTime (ISO). null: the function has no URL, so the question is what a URL created
   * at `collectedAt` would need. undefined: not known (not read, or not recorded), judged as the oldest
   * URL could be, the conservative case.
   */
  creationTime?: string | null;
  /** The snapshot's collection time (ISO); undefined is judged conservatively. */
  collectedAt?: string;
  /** The snapshot shows another URL in the same account and region created before October 2025. */
  accountRegionHadEarlierUrl?: boolean;
}

function day(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

const applied = (id: FunctionUrlAuthRuleId, urlPermissionAlone: AppliedFunctionUrlAuthRule["urlPermissionAlone"], assumptions: FunctionUrlAuthAssumption[]): AppliedFunctionUrlAuthRule => ({
  rule: FUNCTION_URL_AUTH_RULES[id],
  urlPermissionAlone,
  assumptions,
});

/** The rule that decides whether `lambda:InvokeFunctionUrl` alone invokes a URL, at the snapshot's time. */
export function functionUrlAuthRule(input: FunctionUrlAuthInput): AppliedFunctionUrlAuthRule {
  const now = input.collectedAt === undefined ? undefined : day(input.collectedAt);
  if (now === undefined) return applied("legacy-exception", "unconfirmed", ["collectedAtUnknown"]);
  if (now < DUAL_PERMISSION_START) return applied("url-permission-only", "yes", []);
  const afterException = now >= LEGACY_EXCEPTION_END;
  const assumptions: FunctionUrlAuthAssumption[] = [];
  let created: string | undefined;
  if (input.creationTime === null) created = now;
  else if (input.creationTime !== undefined) created = day(input.creationTime);
  if (created === undefined) assumptions.push("creationTimeUnknown");

  // Created before the change (or possibly so): the URL is under the legacy exception until its end.
  const possiblyLegacy = created === undefined || created < DUAL_PERMISSION_CERTAIN;
  if (created !== undefined && created >= DUAL_PERMISSION_START && created < DUAL_PERMISSION_CERTAIN) assumptions.push("startDayUndocumented");
  // A later URL in an account and region that holds the exception: whether it is covered is not documented.
  const excepted = possiblyLegacy || input.accountRegionHadEarlierUrl === true;
  if (!possiblyLegacy && excepted) assumptions.push("exceptionCoverageUndocumented");

  if (!afterException) {
    if (!excepted) return applied("dual-permission", "no", assumptions);
    const certain = assumptions.length === 0;
    return applied("legacy-exception", certain ? "yes" : "unconfirmed", assumptions);
  }
  if (!excepted) return applied("dual-permission-all", "no", assumptions);
  return applied("dual-permission-all", "unconfirmed", [...assumptions, "enforcementUnconfirmed"]);
}
