import check from "../../checks/role-passrole-wildcard.js";
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
  { name: "no PassRole", snapshot: least(), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on one role", snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/worker" }), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on *", snapshot: withInline({ Action: "iam:PassRole", Resource: "*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  { name: "iam:Pass* on every role", snapshot: withInline({ Action: "iam:Pass*", Resource: "arn:aws:iam::*:role/*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
