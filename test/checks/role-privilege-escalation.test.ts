import check from "../../checks/role-privilege-escalation.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

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
