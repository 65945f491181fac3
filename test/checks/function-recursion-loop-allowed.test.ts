import check from "../../checks/function-recursion-loop-allowed.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap } from "./builders.js";

describeCheckCases(check, [
  { name: "terminate", snapshot: snapshotWith({ functions: [secureFunction({ recursiveLoop: "Terminate" })] }), expect: { status: "pass", reason: "recursiveLoopTerminated" } },
  { name: "allow", snapshot: snapshotWith({ functions: [secureFunction({ recursiveLoop: "Allow" })] }), expect: { status: "fail", reason: "recursiveLoopAllowed" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "recursionConfigNotRead" } },
  {
    name: "denied read",
    snapshot: snapshotWith({ functions: [secureFunction()], gaps: [gap("lambda", "GetFunctionRecursionConfig", { resourceArn: secureFunction().arn })] }),
    expect: { status: "unknown", reason: "recursionConfigNotRead" },
  },
]);
