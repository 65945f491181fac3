import check from "../../checks/role-notaction-allow.js";
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
  { name: "Action only", snapshot: least(), expect: { status: "pass", reason: "noNotActionAllow" } },
  { name: "NotAction iam:*", snapshot: withInline({ NotAction: ["iam:*", "organizations:*"], Resource: "*" }), expect: { status: "fail", reason: "notActionAllow", evidence: { statements: [{ notActions: ["iam:*", "organizations:*"] }] } } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
