import check from "../../checks/role-trust-beyond-lambda.js";
import { describeCheckCases } from "../support/check-cases.js";
import { snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT, roleWith } from "./builders.js";

const trust = (...Statement: Record<string, unknown>[]) => snapshotWith({ roles: [roleWith({ trustPolicy: { Version: "2012-10-17", Statement } })] });
const assume = { Effect: "Allow", Action: "sts:AssumeRole" };

describeCheckCases(check, [
  { name: "Lambda only", snapshot: snapshotWith({ roles: [roleWith()] }), expect: { status: "pass", reason: "trustLambdaOnly" } },
  { name: "Lambda with SourceAccount", snapshot: trust({ ...assume, Principal: { Service: "lambda.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }), expect: { status: "pass", reason: "trustLambdaOnly" } },
  { name: "another service too", snapshot: trust({ ...assume, Principal: { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"] } }), expect: { status: "fail", reason: "trustBeyondLambda", evidence: { otherServicePrincipals: ["ec2.amazonaws.com"] } } },
  { name: "a user of this account", snapshot: trust({ ...assume, Principal: { AWS: "arn:aws:iam::111122223333:user/dev" } }), expect: { status: "fail", reason: "trustBeyondLambda" } },
  { name: "another account", snapshot: trust({ ...assume, Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } }), expect: { status: "fail", reason: "trustCrossAccount" } },
  { name: "everyone", snapshot: trust({ ...assume, Principal: "*" }), expect: { status: "fail", reason: "trustPublic" } },
  {
    name: "GitHub OIDC without a subject condition",
    snapshot: trust({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" } }),
    expect: { status: "fail", reason: "trustCrossAccount" },
  },
  { name: "trust policy not read", snapshot: snapshotWith({ roles: [roleWith({ trustPolicy: undefined })] }), expect: { status: "unknown", reason: "trustPolicyNotRead" } },
]);
