import check from "../../checks/function-inspector-scanning-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { coverage } from "./builders.js";

const withInspector = (inspector?: { status: string | null; lambda: string | null; lambdaCode: string | null }) =>
  snapshotWith({ functions: [secureFunction()], detectiveCoverage: [coverage(inspector ? { inspector } : {})] });

describeCheckCases(check, [
  { name: "dependencies and code", snapshot: withInspector({ status: "ENABLED", lambda: "ENABLED", lambdaCode: "ENABLED" }), expect: { status: "pass", reason: "dependenciesAndCodeScanned" } },
  { name: "dependencies only", snapshot: withInspector({ status: "ENABLED", lambda: "ENABLED", lambdaCode: "DISABLED" }), expect: { status: "pass", reason: "dependenciesScannedOnly" } },
  { name: "Lambda scanning off", snapshot: withInspector({ status: "ENABLED", lambda: "DISABLED", lambdaCode: null }), expect: { status: "fail", reason: "lambdaScanningOff" } },
  { name: "Inspector off", snapshot: withInspector({ status: "DISABLED", lambda: null, lambdaCode: null }), expect: { status: "fail", reason: "lambdaScanningOff" } },
  { name: "not read", snapshot: withInspector(undefined), expect: { status: "unknown", reason: "inspectorNotRead" } },
]);
