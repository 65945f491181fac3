import check from "../../checks/role-shared-by-functions.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, roleWith } from "./builders.js";

const role = roleWith();
const one = secureFunction();
const two = secureFunction({ name: "second-function" });

describeCheckCases(check, [
  { name: "one function per role", snapshot: snapshotWith({ functions: [one], roles: [role] }), expect: { status: "pass", reason: "roleUsedByOneFunction" } },
  {
    name: "two functions share the role",
    snapshot: snapshotWith({ functions: [one, two], roles: [role] }),
    expect: { status: "fail", reason: "roleSharedByFunctions", evidence: { functionCount: 2 } },
  },
  {
    name: "a role no function uses",
    snapshot: snapshotWith({ functions: [secureFunction({ role: "arn:aws:iam::111122223333:role/other" })], roles: [role] }),
    expect: { status: "not_applicable", reason: "notAnExecutionRole" },
  },
  {
    name: "functions of a region could not be listed",
    snapshot: snapshotWith({ functions: [one], roles: [role], gaps: [gap("lambda", "ListFunctions", { region: "us-east-1" })] }),
    expect: { status: "unknown", reason: "functionListIncomplete", evidence: { regionsNotListed: ["us-east-1"] } },
  },
]);
