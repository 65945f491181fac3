import check from "../../checks/function-url-permission-incomplete.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const URL_PERMISSION = { Sid: "FunctionURLAllowPublicAccess", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn.arn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } };
const INVOKE_VIA_URL = { Sid: "FunctionURLInvokeAllowPublicAccess", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn.arn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } };
const policy = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });

/**
 * A NONE URL with this policy. `creationTime` is not in the snapshot schema yet: it is set after parsing
 * and read by the view's narrow accessor. The fixture's collectedAt is 2026-11-01.
 */
function urlWith(resourcePolicy: Record<string, unknown> | null, creationTime?: string, collectedAt?: string): Snapshot {
  const snapshot = snapshotWith({ functions: [secureFunction({ resourcePolicy, url: { authType: "NONE", cors: null } })], ...(collectedAt ? { collectedAt } : {}) });
  if (creationTime !== undefined) Object.assign(snapshot.functions[0]?.url ?? {}, { creationTime });
  return snapshot;
}

describeCheckCases(check, [
  // Both halves to everyone: a public URL (reported by function-policy-public-invoke), not an incomplete one.
  { name: "both permissions, as the console writes them", snapshot: urlWith(policy(URL_PERMISSION, INVOKE_VIA_URL), "2026-01-10T00:00:00.000Z"), expect: { status: "pass", reason: "permissionsConsistent" } },
  { name: "both actions in one statement", snapshot: urlWith(policy({ Effect: "Allow", Principal: "*", Action: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"], Resource: fn.arn }), "2026-01-10T00:00:00.000Z"), expect: { status: "pass", reason: "permissionsConsistent" } },
  { name: "no policy at all", snapshot: urlWith(null, "2026-01-10T00:00:00.000Z"), expect: { status: "pass", reason: "noResourcePolicy" } },
  { name: "halves granted to another account only", snapshot: urlWith(policy({ ...URL_PERMISSION, Principal: { AWS: OTHER_ACCOUNT } }), "2026-01-10T00:00:00.000Z"), expect: { status: "pass", reason: "permissionsConsistent" } },
  {
    name: "URL permission only, URL created after October 2025: broken now",
    snapshot: urlWith(policy(URL_PERMISSION), "2026-01-10T00:00:00.000Z"),
    expect: { status: "fail", reason: "missingInvokeFunction", evidence: { missing: "lambda:InvokeFunction", brokenNow: true, rule: { id: "dual-permission-all" } } },
  },
  {
    name: "URL permission only, old URL before the exception ended: works for now",
    snapshot: urlWith(policy(URL_PERMISSION), "2024-05-01T00:00:00.000Z", "2026-06-01T00:00:00.000Z"),
    expect: { status: "fail", reason: "missingInvokeFunction", evidence: { brokenNow: false, rule: { id: "legacy-exception", urlPermissionAlone: "yes" } } },
  },
  {
    name: "URL permission only, creation time unknown: judged as possibly old",
    snapshot: urlWith(policy(URL_PERMISSION)),
    expect: { status: "fail", reason: "missingInvokeFunction", evidence: { brokenNow: false, rule: { urlPermissionAlone: "unconfirmed", assumptions: ["creationTimeUnknown", "enforcementUnconfirmed"] } } },
  },
  {
    name: "InvokeFunction via URL only",
    snapshot: urlWith(policy(INVOKE_VIA_URL), "2026-01-10T00:00:00.000Z"),
    expect: { status: "fail", reason: "missingInvokeFunctionUrl", evidence: { missing: "lambda:InvokeFunctionUrl", brokenNow: true } },
  },
  { name: "no URL", snapshot: snapshotWith({ functions: [secureFunction({ url: null })] }), expect: { status: "not_applicable", reason: "noFunctionUrl" } },
  { name: "IAM URL", snapshot: snapshotWith({ functions: [secureFunction({ url: { authType: "AWS_IAM", cors: null } })] }), expect: { status: "not_applicable", reason: "urlAuthIam" } },
  { name: "URL not read", snapshot: snapshotWith({ functions: [secureFunction({ url: undefined })] }), expect: { status: "unknown", reason: "urlNotRead" } },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ url: { authType: "NONE", cors: null }, resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
]);
