import check from "../../checks/role-passrole-wildcard.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "no PassRole", snapshot: least(), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on one role", snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/worker" }), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole on *", snapshot: withInline({ Action: "iam:PassRole", Resource: "*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  { name: "iam:Pass* on every role", snapshot: withInline({ Action: "iam:Pass*", Resource: "arn:aws:iam::*:role/*" }), expect: { status: "fail", reason: "passRoleOnAnyRole" } },
  // The statement's bucket ARN never widens its PassRole (issue 11, class 1).
  { name: "PassRole next to a bucket ARN", snapshot: withInline({ Action: ["s3:GetObject", "iam:PassRole"], Resource: ["arn:aws:s3:::bucket/*", "arn:aws:iam::111122223333:role/worker"] }), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "PassRole with only a bucket ARN", snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:s3:::bucket/*" }), expect: { status: "pass", reason: "passRoleScoped" } },
  {
    name: "PassRole on every role of the account",
    snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/*" }),
    expect: { status: "fail", reason: "passRoleOnAnyRole", evidence: { everyRoleIn: ["account 111122223333"] } },
  },
  { name: "PassRole on every role of another account (cannot be passed)", snapshot: withInline({ Action: "iam:PassRole", Resource: "arn:aws:iam::444455556666:role/*" }), expect: { status: "pass", reason: "passRoleScoped" } },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
