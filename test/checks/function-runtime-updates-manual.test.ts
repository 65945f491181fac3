import check from "../../checks/function-runtime-updates-manual.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const mode = (updateRuntimeOn: "Auto" | "FunctionUpdate" | "Manual", lastModified = "2026-10-01T00:00:00.000+0000") =>
  snapshotWith({ functions: [secureFunction({ runtimeManagement: { updateRuntimeOn, runtimeVersionArn: null }, lastModified })] });

describeCheckCases(check, [
  { name: "automatic", snapshot: mode("Auto"), expect: { status: "pass", reason: "runtimeUpdatesAuto" } },
  { name: "default (no configuration)", snapshot: snapshotWith({ functions: [secureFunction({ runtimeManagement: null })] }), expect: { status: "pass", reason: "runtimeUpdatesAuto" } },
  { name: "on function update, deployed last month", snapshot: mode("FunctionUpdate"), expect: { status: "pass", reason: "runtimeUpdatesOnRecentDeploy" } },
  { name: "on function update, deployed a year ago", snapshot: mode("FunctionUpdate", "2025-10-01T00:00:00.000+0000"), expect: { status: "fail", reason: "runtimeUpdatesStale", evidence: { daysSinceLastModified: 396 } } },
  { name: "manual", snapshot: mode("Manual"), expect: { status: "fail", reason: "runtimeVersionPinned", evidence: { updateRuntimeOn: "Manual" } } },
  { name: "container image", snapshot: snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null })] }), expect: { status: "not_applicable", reason: "containerImage" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction({ runtimeManagement: undefined })] }), expect: { status: "unknown", reason: "runtimeManagementNotRead" } },
  {
    name: "deployment date not read",
    snapshot: snapshotWith({ functions: [secureFunction({ runtimeManagement: { updateRuntimeOn: "FunctionUpdate" }, lastModified: undefined })] }),
    expect: { status: "unknown", reason: "lastModifiedNotRead" },
  },
]);
