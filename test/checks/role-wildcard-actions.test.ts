import check from "../../checks/role-wildcard-actions.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "explicit actions", snapshot: least(), expect: { status: "pass", reason: "noWildcardActions" } },
  { name: "prefix wildcard is not service-wide", snapshot: withInline({ Action: "s3:Get*", Resource: "arn:aws:s3:::orders/*" }), expect: { status: "pass", reason: "noWildcardActions" } },
  { name: "s3:*", snapshot: withInline({ Action: "s3:*", Resource: "arn:aws:s3:::orders/*" }), expect: { status: "fail", reason: "wildcardActions", evidence: { wildcardActions: [{ pattern: "s3:*" }] } } },
  { name: "*", snapshot: withInline({ Action: ["*"], Resource: "*" }), expect: { status: "fail", reason: "wildcardActions" } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
