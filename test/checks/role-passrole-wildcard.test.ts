import check from "../../checks/role-passrole-wildcard.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "no PassRole", snapshot: least(), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on one role", snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/worker" }), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on *", snapshot: withInline({ Action: "iam:PassRole", Resource: "*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  { name: "iam:Pass* on every role", snapshot: withInline({ Action: "iam:Pass*", Resource: "arn:aws:iam::*:role/*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
