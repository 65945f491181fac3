import { describe, expect, it } from "vitest";
import { functionUrlAuthRule, type FunctionUrlAuthAssumption, type FunctionUrlAuthInput, type FunctionUrlAuthRuleId } from "../../src/data/function-url-auth.js";
import { classifyResourcePolicy, functionUrlPermissionGap, type InvokeContext, type InvokeReason, type Reach } from "../../src/policy/index.js";
import { allow, deny, FN, ORG, OTHER, OWN, policy, type Statement } from "./support.js";

/**
 * Issue 11, class 4: a function URL's two permissions, as dated data
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html and AWS's Health notice, see src/data/function-url-auth.ts).
 */

interface RuleCase {
  name: string;
  rule: string;
  input: FunctionUrlAuthInput;
  id: FunctionUrlAuthRuleId;
  alone: "yes" | "no" | "unconfirmed";
  assumptions?: FunctionUrlAuthAssumption[];
}

const OLD = "2024-05-01T00:00:00.000Z";
const NEW = "2026-01-10T00:00:00.000Z";
const BEFORE_END = "2026-06-01T00:00:00.000Z";
const AFTER_END = "2026-11-30T00:00:00.000Z";

const ruleCases: RuleCase[] = [
  { name: "scan before October 2025", rule: "previously only lambda:InvokeFunctionUrl was required (Health notice)", input: { creationTime: OLD, collectedAt: "2025-06-01T00:00:00.000Z" }, id: "url-permission-only", alone: "yes" },
  { name: "old URL before the exception ends", rule: "accounts with URLs before the change keep the old model until 2026-11-01", input: { creationTime: OLD, collectedAt: BEFORE_END }, id: "legacy-exception", alone: "yes" },
  { name: "new URL", rule: "new function URLs need both permissions from October 2025 (urls-auth)", input: { creationTime: NEW, collectedAt: BEFORE_END }, id: "dual-permission", alone: "no" },
  { name: "URL created in October 2025", rule: "only the month of the change is documented", input: { creationTime: "2025-10-15T00:00:00.000Z", collectedAt: BEFORE_END }, id: "legacy-exception", alone: "unconfirmed", assumptions: ["startDayUndocumented"] },
  { name: "new URL in an excepted account and region", rule: "the exception is addressed per account and region; its coverage of later URLs is not documented", input: { creationTime: NEW, collectedAt: BEFORE_END, accountRegionHadEarlierUrl: true }, id: "legacy-exception", alone: "unconfirmed", assumptions: ["exceptionCoverageUndocumented"] },
  { name: "old URL after the exception ended", rule: "the deadline passed; enforcement is not confirmed by any retrievable source", input: { creationTime: OLD, collectedAt: AFTER_END }, id: "dual-permission-all", alone: "unconfirmed", assumptions: ["enforcementUnconfirmed"] },
  { name: "new URL after the exception ended", rule: "every URL needs both permissions after 2026-11-01", input: { creationTime: NEW, collectedAt: AFTER_END }, id: "dual-permission-all", alone: "no" },
  { name: "creation time unknown", rule: "judged as the oldest URL could be (conservative)", input: { collectedAt: BEFORE_END }, id: "legacy-exception", alone: "unconfirmed", assumptions: ["creationTimeUnknown"] },
  { name: "creation time malformed", rule: "a value that is not a date is not known", input: { creationTime: "yesterday", collectedAt: BEFORE_END }, id: "legacy-exception", alone: "unconfirmed", assumptions: ["creationTimeUnknown"] },
  { name: "no URL: what a URL created now would need", rule: "a URL created at the scan's time is a new URL", input: { creationTime: null, collectedAt: BEFORE_END }, id: "dual-permission", alone: "no" },
  { name: "scan time unknown", rule: "dated rules need the snapshot's time: conservative without it", input: {}, id: "legacy-exception", alone: "unconfirmed", assumptions: ["collectedAtUnknown"] },
];

interface PolicyCase {
  name: string;
  rule: string;
  statements: Statement[];
  ctx: Partial<InvokeContext>;
  /** The first Allow statement's class and reason. */
  classification: Reach;
  reason: InvokeReason;
  public: boolean;
  viaUrl: boolean;
  gap: "lambda:InvokeFunction" | "lambda:InvokeFunctionUrl" | null;
}

const URL_PERMISSION = allow({ Sid: "FunctionURLAllowPublicAccess", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: FN, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } });
const INVOKE_VIA_URL = allow({ Sid: "FunctionURLInvokeAllowPublicAccess", Principal: "*", Action: "lambda:InvokeFunction", Resource: FN, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } });
const NEW_URL: Partial<InvokeContext> = { functionUrlAuthType: "NONE", functionUrlCreationTime: NEW, collectedAt: BEFORE_END };
const OLD_URL: Partial<InvokeContext> = { functionUrlAuthType: "NONE", functionUrlCreationTime: OLD, collectedAt: BEFORE_END };

const policyCases: PolicyCase[] = [
  { name: "URL permission alone, new URL", rule: "a new URL needs lambda:InvokeFunction too", statements: [URL_PERMISSION], ctx: NEW_URL, classification: "nobody", reason: "urlPermissionIncomplete", public: false, viaUrl: false, gap: "lambda:InvokeFunction" },
  { name: "URL permission alone, old URL under the exception", rule: "the URL permission alone invokes until 2026-11-01", statements: [URL_PERMISSION], ctx: OLD_URL, classification: "public", reason: "functionUrlAuthNone", public: true, viaUrl: true, gap: "lambda:InvokeFunction" },
  { name: "URL permission alone, old URL after the deadline", rule: "enforcement after 2026-11-01 is unconfirmed: still judged public", statements: [URL_PERMISSION], ctx: { ...OLD_URL, collectedAt: AFTER_END }, classification: "public", reason: "functionUrlAuthNone", public: true, viaUrl: true, gap: "lambda:InvokeFunction" },
  { name: "InvokeFunction via URL without the URL permission", rule: "a URL call needs lambda:InvokeFunctionUrl in every rule", statements: [INVOKE_VIA_URL], ctx: NEW_URL, classification: "nobody", reason: "urlPermissionIncomplete", public: false, viaUrl: false, gap: "lambda:InvokeFunctionUrl" },
  { name: "both permissions as the console writes them", rule: "both granted to * make the NONE URL public", statements: [URL_PERMISSION, INVOKE_VIA_URL], ctx: NEW_URL, classification: "public", reason: "functionUrlAuthNone", public: true, viaUrl: true, gap: null },
  { name: "both actions in one statement", rule: "one unconditioned statement grants both halves, and direct invoke", statements: [allow({ Principal: "*", Action: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"], Resource: FN })], ctx: NEW_URL, classification: "public", reason: "functionUrlAuthNone", public: true, viaUrl: true, gap: null },
  { name: "URL permission to everyone, InvokeFunction to another account", rule: "the caller must hold both: the narrower decides", statements: [URL_PERMISSION, allow({ Principal: { AWS: OTHER }, Action: "lambda:InvokeFunction", Resource: FN })], ctx: NEW_URL, classification: "cross-account", reason: "narrowedByUrlCounterpart", public: false, viaUrl: false, gap: "lambda:InvokeFunction" },
  { name: "InvokeFunction kept off the URL", rule: "InvokedViaFunctionUrl = false applies only to calls that are not through the URL", statements: [URL_PERMISSION, allow({ Principal: { AWS: OWN }, Action: "lambda:InvokeFunction", Resource: FN, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "false" } } })], ctx: NEW_URL, classification: "nobody", reason: "urlPermissionIncomplete", public: false, viaUrl: false, gap: "lambda:InvokeFunction" },
  { name: "InvokeFunction via URL, URL permission within the organisation", rule: "the caller must hold both: the narrower decides", statements: [INVOKE_VIA_URL, allow({ Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: FN, Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } })], ctx: NEW_URL, classification: "organisation-scoped", reason: "narrowedByUrlCounterpart", public: false, viaUrl: false, gap: "lambda:InvokeFunctionUrl" },
  { name: "URL permission denied", rule: "an explicit Deny on lambda:InvokeFunctionUrl leaves the InvokeFunction half unusable", statements: [INVOKE_VIA_URL, URL_PERMISSION, deny({ Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: "*" })], ctx: NEW_URL, classification: "nobody", reason: "urlPermissionIncomplete", public: false, viaUrl: false, gap: "lambda:InvokeFunctionUrl" },
  { name: "no URL now: a URL created today would need both", rule: "the latent grant is judged as for a new URL", statements: [URL_PERMISSION], ctx: { functionUrlAuthType: null, collectedAt: BEFORE_END }, classification: "nobody", reason: "urlPermissionIncomplete", public: false, viaUrl: false, gap: "lambda:InvokeFunction" },
];

describe("class 4: function URL rules as dated data", () => {
  it("has at least 10 distinct shapes per table", () => {
    expect(ruleCases.length).toBeGreaterThanOrEqual(10);
    expect(policyCases.length).toBeGreaterThanOrEqual(10);
    expect(new Set([...ruleCases, ...policyCases].map((item) => item.name)).size).toBe(ruleCases.length + policyCases.length);
  });

  it.each(ruleCases)("rule: $name", (item) => {
    const applied = functionUrlAuthRule(item.input);
    expect(applied.rule.id).toBe(item.id);
    expect(applied.urlPermissionAlone).toBe(item.alone);
    expect(applied.assumptions).toEqual(item.assumptions ?? []);
    expect(applied.rule.source.url).toMatch(/^https:\/\//);
    expect(applied.rule.source.retrieved).toBe("2026-11-30");
  });

  it.each(policyCases)("policy: $name", (item) => {
    const analysis = classifyResourcePolicy(policy(...item.statements), { accountId: OWN, organizationId: ORG, ...item.ctx });
    const [first] = analysis.statements;
    expect(first?.classification).toBe(item.classification);
    expect(first?.reason).toBe(item.reason);
    expect(analysis.summary.isPubliclyInvokable).toBe(item.public);
    expect(analysis.summary.isPubliclyInvokableViaFunctionUrl).toBe(item.viaUrl);
    expect(functionUrlPermissionGap(analysis.summary.functionUrl)?.missing ?? null).toBe(item.gap);
  });

  it("the rule that applied is in the summary", () => {
    const { summary } = classifyResourcePolicy(policy(URL_PERMISSION), { accountId: OWN, ...OLD_URL });
    expect(summary.functionUrl.rule).toMatchObject({ rule: { id: "legacy-exception", until: "2026-11-01" }, urlPermissionAlone: "yes" });
    expect(functionUrlPermissionGap(summary.functionUrl)).toMatchObject({ missing: "lambda:InvokeFunction", brokenNow: false });
  });
});
