import check from "../../checks/role-privilege-escalation.js";
import { describeCheckCases } from "../support/check-cases.js";

import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { BASIC_EXECUTION_POLICY, inlineAllow, roleSnapshots, roleWith, ROLE_ARN } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

const OTHER_ROLE = "arn:aws:iam::111122223333:role/other-role";
const BOUNDARY = {
  arn: "arn:aws:iam::111122223333:policy/boundary",
  name: "boundary",
  awsManaged: false,
  document: {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ROLE_ARN },
      { Effect: "Allow", Action: "logs:*", Resource: "*" },
    ],
  },
};

/** The fixture role with `statement`, and another role (with `otherStatement`) it can pass or whose function it can update. */
function withTarget(statement: Record<string, unknown>, otherStatement: Record<string, unknown>, via: "passRole" | "function") {
  const other = roleWith({ arn: OTHER_ROLE, name: "other-role", inlinePolicies: [inlineAllow("other", otherStatement)] });
  const self = roleWith({ inlinePolicies: [inlineAllow("extra", via === "passRole" ? { ...statement, Resource: [OTHER_ROLE, "arn:aws:lambda:*:111122223333:function:*", "arn:aws:s3:::exports/*"] } : statement)] });
  return snapshotWith({ functions: [secureFunction(), secureFunction({ name: "other", role: OTHER_ROLE })], roles: [self, other], managedPolicies: [BASIC_EXECUTION_POLICY] });
}

describeCheckCases(check, [
  { name: "least privilege", snapshot: least(), expect: { status: "pass", reason: "noEscalationPath" } },
  { name: "PutRolePolicy", snapshot: withInline({ Action: "iam:PutRolePolicy", Resource: "*" }), expect: { status: "fail", reason: "escalationPath", evidence: { paths: [{ id: "put-role-policy" }] } } },
  {
    name: "PassRole with CreateFunction and InvokeFunction",
    snapshot: withInline({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }),
    expect: { status: "fail", reason: "escalationPath" },
  },
  { name: "CreateFunction without PassRole", snapshot: withInline({ Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }), expect: { status: "pass", reason: "noEscalationPath" } },
  // Escalation judged on its targets (issue 11, class 3).
  {
    name: "PassRole limited to itself, with CreateFunction",
    snapshot: withInline({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["arn:aws:lambda:*:111122223333:function:*", ROLE_ARN] }),
    expect: { status: "pass", reason: "noEscalationPath", evidence: { dismissedPaths: [{ id: "pass-role-lambda-create-function", targets: [{ verdict: "self" }] }] } },
  },
  {
    name: "PassRole to a less privileged role of the snapshot",
    snapshot: withTarget({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction", "s3:GetObject"], Resource: ["*"] }, { Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" }, "passRole"),
    resourceArn: ROLE_ARN,
    expect: { status: "pass", reason: "noEscalationPath", evidence: { dismissedPaths: [{ id: "pass-role-lambda-create-function", targets: [{ target: OTHER_ROLE, verdict: "holdsNoMore" }] }] } },
  },
  {
    name: "PassRole to a more privileged role of the snapshot",
    snapshot: withTarget({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["*"] }, { Action: "s3:*", Resource: "*" }, "passRole"),
    resourceArn: ROLE_ARN,
    expect: { status: "fail", reason: "escalationPath", evidence: { paths: [{ id: "pass-role-lambda-create-function", targets: [{ target: OTHER_ROLE, verdict: "holdsMore" }] }] } },
  },
  {
    name: "PassRole to a role outside the snapshot stays a path",
    snapshot: withInline({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["arn:aws:lambda:*:111122223333:function:*", "arn:aws:iam::111122223333:role/elsewhere"] }),
    expect: { status: "fail", reason: "escalationPath", evidence: { paths: [{ id: "pass-role-lambda-create-function", targets: [{ verdict: "unresolved" }] }] } },
  },
  {
    name: "UpdateFunctionCode on its own function",
    snapshot: snapshotWith({ functions: [secureFunction()], roles: [roleWith({ inlinePolicies: [inlineAllow("code", { Action: "lambda:UpdateFunctionCode", Resource: secureFunction().arn })] })], managedPolicies: [BASIC_EXECUTION_POLICY] }),
    expect: { status: "pass", reason: "noEscalationPath", evidence: { dismissedPaths: [{ id: "lambda-update-function-code" }] } },
  },
  {
    name: "UpdateFunctionCode on a function whose role holds more",
    snapshot: withTarget({ Action: "lambda:UpdateFunctionCode", Resource: secureFunction({ name: "other" }).arn }, { Action: "iam:*", Resource: "*" }, "function"),
    resourceArn: ROLE_ARN,
    expect: { status: "fail", reason: "escalationPath", evidence: { paths: [{ id: "lambda-update-function-code", targets: [{ verdict: "holdsMore" }] }] } },
  },
  {
    name: "PutRolePolicy on itself under a boundary no wider than the role",
    snapshot: snapshotWith({
      functions: [secureFunction()],
      roles: [roleWith({ permissionsBoundaryArn: BOUNDARY.arn, inlinePolicies: [inlineAllow("self", { Action: "iam:PutRolePolicy", Resource: ROLE_ARN }), inlineAllow("logs", { Action: "logs:*", Resource: "*" })] })],
      managedPolicies: [BASIC_EXECUTION_POLICY, BOUNDARY],
    }),
    expect: { status: "pass", reason: "noEscalationPath", evidence: { dismissedPaths: [{ id: "put-role-policy", targets: [{ verdict: "boundaryCaps" }] }] } },
  },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
