import check from "../../checks/function-role-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, roleWith, ROLE_ARN } from "./builders.js";

describeCheckCases(check, [
  { name: "role exists", snapshot: snapshotWith({ functions: [secureFunction()], roles: [roleWith()] }), expect: { status: "pass", reason: "roleExists" } },
  { name: "role absent from the account", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "fail", reason: "roleNotFound", evidence: { role: ROLE_ARN } } },
  {
    name: "IAM answered NoSuchEntity",
    snapshot: snapshotWith({ functions: [secureFunction()], gaps: [gap("iam", "GetRole", { region: "global", resourceArn: ROLE_ARN, errorCode: "NoSuchEntity" })] }),
    expect: { status: "fail", reason: "roleNotFound" },
  },
  {
    name: "GetRole denied",
    snapshot: snapshotWith({ functions: [secureFunction()], gaps: [gap("iam", "GetRole", { region: "global", resourceArn: ROLE_ARN })] }),
    expect: { status: "unknown", reason: "roleNotRead" },
  },
  { name: "role ARN not read", snapshot: snapshotWith({ functions: [secureFunction({ role: undefined })] }), expect: { status: "unknown", reason: "roleArnNotRead" } },
]);
