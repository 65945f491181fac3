import { defineCheck, fail, FUNCTION_POLICY_REASONS, notApplicable, pass, unknown } from "../src/engine/check-kit.js";
import { functionUrlPermissionGap } from "../src/policy/index.js";

export default defineCheck({
  id: "function-url-permission-incomplete",
  title: "Unauthenticated function URL's policy grants both invoke permissions or neither",
  severity: "low",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "CM-6"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "Since October 2025 calling a function URL needs lambda:InvokeFunctionUrl and lambda:InvokeFunction " +
    "(URLs that existed before kept working with the first alone until 2026-11-01). A URL with AuthType " +
    "NONE whose policy grants only one of them to everyone answers 403 to its callers, or will once the " +
    "exception ends, and a later grant of the other one, often added to 'fix' the URL, makes the function " +
    "public at once.",
  remediation:
    "Decide whether the URL should be public. If so, grant the missing permission with the URL condition: " +
    "`aws lambda add-permission --function-name NAME --statement-id url-invoke --action " +
    "lambda:InvokeFunction --principal '*' --invoked-via-function-url` (or `--action " +
    "lambda:InvokeFunctionUrl --function-url-auth-type NONE`). If not, remove the remaining statement " +
    "(`aws lambda remove-permission --function-name NAME --statement-id SID`) and switch the URL to " +
    "AWS_IAM or delete it (Lambda console > function > Configuration > Function URL).",
  requires: ["lambda:GetFunctionUrlConfig", "lambda:GetPolicy", "lambda:ListAliases", "lambda:ListFunctionUrlConfigs"],
  limitations:
    "Judged for the function's and each alias's URL, with its own policy. Which rule applies depends on the URL's " +
    "creation time and the snapshot's time; without the creation time the URL is judged as one that may " +
    "predate October 2025, and after 2026-11-01 enforcement is not confirmed by any retrievable source.",
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    urlNotRead: "The function URL configuration was not read.",
    noFunctionUrl: "The function has no function URL.",
    urlAuthIam: "The function URL requires IAM authentication.",
    missingInvokeFunction: "The URL permission is granted to everyone but lambda:InvokeFunction is not: {state}.",
    missingInvokeFunctionUrl: "lambda:InvokeFunction through the URL is granted to everyone but lambda:InvokeFunctionUrl is not: the URL answers 403.",
    permissionsConsistent: "The policy grants everyone both invoke permissions, or neither.",
  },
  evaluate(target, view) {
    if (target.url === undefined) return unknown("urlNotRead");
    if (target.url === null) return notApplicable("noFunctionUrl");
    if (target.url.authType !== "NONE") return notApplicable("urlAuthIam", { "url.authType": target.url.authType });
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
    const { functionUrl } = policy.value.summary;
    const gap = functionUrlPermissionGap(functionUrl);
    const rule = { id: functionUrl.rule.rule.id, summary: functionUrl.rule.rule.summary, urlPermissionAlone: functionUrl.rule.urlPermissionAlone, assumptions: functionUrl.rule.assumptions, source: functionUrl.rule.rule.source.url };
    if (gap === null) return pass("permissionsConsistent", { urlPermission: functionUrl.urlPermission, invokePermission: functionUrl.invokePermission });
    const evidence = { missing: gap.missing, brokenNow: gap.brokenNow, urlPermission: functionUrl.urlPermission, invokePermission: functionUrl.invokePermission, rule };
    if (gap.missing === "lambda:InvokeFunctionUrl") return fail("missingInvokeFunctionUrl", evidence);
    const state = gap.brokenNow ? "the URL answers 403" : `the URL works only while the ${gap.rule.rule.id} rule lets the URL permission alone invoke it`;
    return fail("missingInvokeFunction", evidence, { state });
  },
});
