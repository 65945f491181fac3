import check from "../../checks/function-policy-stale-principal.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const grant = (principal: unknown) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "grant", Effect: "Allow", Principal: { AWS: principal }, Action: "lambda:InvokeFunction", Resource: fn.arn }],
});
const withPolicy = (resourcePolicy: Record<string, unknown> | null | undefined) => snapshotWith({ functions: [secureFunction({ resourcePolicy })] });

describeCheckCases(check, [
  { name: "no policy", snapshot: withPolicy(null), expect: { status: "pass", reason: "noResourcePolicy" } },
  { name: "a live role of another account", snapshot: withPolicy(grant(`arn:aws:iam::${OTHER_ACCOUNT}:role/partner`)), expect: { status: "pass", reason: "noDeletedPrincipal" } },
  {
    name: "the unique id IAM left for a deleted role",
    snapshot: withPolicy(grant("AROAEXAMPLEDELETEDID1")),
    expect: { status: "fail", reason: "deletedPrincipal", evidence: { deletedPrincipals: ["AROAEXAMPLEDELETEDID1"] } },
  },
  {
    name: "a deleted user beside a live principal",
    snapshot: withPolicy(grant(["AIDAEXAMPLEDELETEDID2", `arn:aws:iam::${OTHER_ACCOUNT}:root`])),
    expect: { status: "fail", reason: "deletedPrincipal" },
  },
  { name: "policy not read", snapshot: withPolicy(undefined), expect: { status: "unknown", reason: "policyNotRead" } },
]);
