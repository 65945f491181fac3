import check from "../../checks/function-policy-cross-account-invoke.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT, TRUSTED_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const grantTo = (Principal: unknown, Condition?: unknown) =>
  snapshotWith({
    functions: [secureFunction({ resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.arn, Principal, ...(Condition ? { Condition } : {}) }] } })],
  });

describeCheckCases(check, [
  { name: "no policy", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noResourcePolicy" } },
  { name: "own account", snapshot: grantTo({ AWS: "arn:aws:iam::111122223333:root" }), expect: { status: "pass", reason: "noUntrustedAccountInvoke" } },
  {
    name: "trusted account",
    snapshot: grantTo({ AWS: `arn:aws:iam::${TRUSTED_ACCOUNT}:role/caller` }),
    settings: { trustedAccountIds: [TRUSTED_ACCOUNT] },
    expect: { status: "pass", reason: "noUntrustedAccountInvoke" },
  },
  {
    name: "another account's role",
    snapshot: grantTo({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/caller` }),
    expect: { status: "fail", reason: "crossAccountInvoke", evidence: { crossAccountPrincipals: [`arn:aws:iam::${OTHER_ACCOUNT}:role/caller`] } },
  },
  { name: "bare account id", snapshot: grantTo({ AWS: OTHER_ACCOUNT }), expect: { status: "fail", reason: "crossAccountInvoke" } },
  {
    name: "wildcard narrowed to another account",
    snapshot: grantTo("*", { StringEquals: { "aws:PrincipalAccount": OTHER_ACCOUNT } }),
    expect: { status: "fail", reason: "crossAccountInvoke" },
  },
  { name: "organisation-scoped", snapshot: grantTo("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }), expect: { status: "pass", reason: "noUntrustedAccountInvoke" } },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
]);
