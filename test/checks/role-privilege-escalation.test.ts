import check from "../../checks/role-privilege-escalation.js";
import { beforeAll } from "vitest";
import { prepareRolePermissionAnalysis } from "../../src/engine/lookups/role-permissions.js";
import { describeCheckCases } from "../support/check-cases.js";
import { snapshotWith } from "../support/fixtures.js";
import { ADMIN_POLICY, BASIC_EXECUTION_POLICY, inlineAllow, roleWith } from "./builders.js";

beforeAll(async () => {
  await prepareRolePermissionAnalysis();
});

const least = () => snapshotWith({ roles: [roleWith()], managedPolicies: [BASIC_EXECUTION_POLICY] });
const withInline = (statement: Record<string, unknown>) =>
  snapshotWith({ roles: [roleWith({ inlinePolicies: [inlineAllow("extra", statement)] })], managedPolicies: [BASIC_EXECUTION_POLICY] });
const managedNotRead = () => snapshotWith({ roles: [roleWith()], managedPolicies: [{ ...BASIC_EXECUTION_POLICY, document: undefined }] });

describeCheckCases(check, [
  { name: "least privilege", snapshot: least(), expect: { status: "pass", reason: "noEscalationPath" } },
  { name: "PutRolePolicy", snapshot: withInline({ Action: "iam:PutRolePolicy", Resource: "*" }), expect: { status: "fail", reason: "escalationPath", evidence: { paths: [{ id: "put-role-policy" }] } } },
  {
    name: "PassRole with CreateFunction and InvokeFunction",
    snapshot: withInline({ Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }),
    expect: { status: "fail", reason: "escalationPath" },
  },
  { name: "CreateFunction without PassRole", snapshot: withInline({ Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }), expect: { status: "pass", reason: "noEscalationPath" } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
