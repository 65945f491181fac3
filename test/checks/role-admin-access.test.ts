import check from "../../checks/role-admin-access.js";
import { describeCheckCases } from "../support/check-cases.js";
import { snapshotWith } from "../support/fixtures.js";
import { ADMIN_POLICY, BASIC_EXECUTION_POLICY, roleSnapshots, roleWith } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "least privilege", snapshot: least(), expect: { status: "pass", reason: "roleNotAdmin" } },
  {
    name: "AdministratorAccess attached",
    snapshot: snapshotWith({ roles: [roleWith({ attachedPolicyArns: [ADMIN_POLICY.arn] })], managedPolicies: [ADMIN_POLICY] }),
    expect: { status: "fail", reason: "roleIsAdmin", evidence: { adminReasons: [{ reason: "actionWildcardOnAnyResource" }, { reason: "wholeCatalogue" }] } },
  },
  { name: "inline * on *", snapshot: withInline({ Action: "*", Resource: "*" }), expect: { status: "fail", reason: "roleIsAdmin" } },
  { name: "NotAction that excludes almost nothing", snapshot: withInline({ NotAction: "organizations:LeaveOrganization", Resource: "*" }), expect: { status: "fail", reason: "roleIsAdmin" } },
  { name: "NotAction iam:* is not admin (reported by role-notaction-allow)", snapshot: withInline({ NotAction: "iam:*", Resource: "*" }), expect: { status: "pass", reason: "roleNotAdmin" } },
  {
    name: "admin cancelled by a permissions boundary",
    snapshot: snapshotWith({
      roles: [roleWith({ attachedPolicyArns: [ADMIN_POLICY.arn], permissionsBoundaryArn: BASIC_EXECUTION_POLICY.arn })],
      managedPolicies: [ADMIN_POLICY, BASIC_EXECUTION_POLICY],
    }),
    expect: { status: "pass", reason: "roleNotAdmin" },
  },
  { name: "managed policy document not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
  { name: "attached policy not in the snapshot", snapshot: snapshotWith({ roles: [roleWith()] }), expect: { status: "unknown", reason: "policiesNotRead", evidence: { notRead: [BASIC_EXECUTION_POLICY.arn] } } },
]);
