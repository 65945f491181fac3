import check from "../../checks/role-notaction-allow.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "Action only", snapshot: least(), expect: { status: "pass", reason: "noNotActionAllow" } },
  { name: "NotAction iam:*", snapshot: withInline({ NotAction: ["iam:*", "organizations:*"], Resource: "*" }), expect: { status: "fail", reason: "notActionAllow", evidence: { statements: [{ notActions: ["iam:*", "organizations:*"] }] } } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
