import check from "../../checks/function-policy-cross-account-invoke.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT, TRUSTED_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const OUR_ORG = "o-abc123defg";
const withOrganization = (snapshot: ReturnType<typeof snapshotWith>, organization: { id: string } | null) => Object.assign(snapshot, { organization });
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
  // `organization` is not in the snapshot schema yet: set after parsing, read by the view's narrow accessor.
  {
    name: "our organisation",
    snapshot: withOrganization(grantTo("*", { StringEquals: { "aws:PrincipalOrgID": OUR_ORG } }), { id: OUR_ORG }),
    expect: { status: "pass", reason: "noUntrustedAccountInvoke" },
  },
  {
    name: "another organisation",
    snapshot: withOrganization(grantTo("*", { StringEquals: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } }), { id: OUR_ORG }),
    expect: { status: "fail", reason: "crossAccountInvoke" },
  },
  {
    name: "an organisation, the account in none",
    snapshot: withOrganization(grantTo("*", { StringEquals: { "aws:PrincipalOrgID": OUR_ORG } }), null),
    expect: { status: "fail", reason: "crossAccountInvoke" },
  },
  { name: "an organisation, ours not known", snapshot: grantTo("*", { StringEquals: { "aws:PrincipalOrgID": OUR_ORG } }), expect: { status: "unknown", reason: "organisationNotKnown" } },
  {
    name: "service with a foreign source account",
    snapshot: grantTo({ Service: "s3.amazonaws.com" }, { StringEquals: { "AWS:SourceAccount": OTHER_ACCOUNT } }),
    expect: { status: "fail", reason: "crossAccountInvoke" },
  },
  { name: "deleted principal", snapshot: grantTo({ AWS: "AROAEXAMPLEID1234567" }), expect: { status: "pass", reason: "noUntrustedAccountInvoke" } },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
]);
