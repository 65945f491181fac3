import check from "../../checks/function-runtime-deprecated.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const on = (runtime: string) => snapshotWith({ functions: [secureFunction({ runtime })] });

describeCheckCases(check, [
  { name: "supported runtime", snapshot: on("nodejs22.x"), expect: { status: "pass", reason: "runtimeSupported", evidence: { deprecationDate: "2027-04-30" } } },
  { name: "deprecated, updates still accepted", snapshot: on("python3.10"), expect: { status: "fail", reason: "runtimeDeprecated", evidence: { blockUpdateDate: "2027-03-03" } } },
  { name: "deprecated and updates blocked", snapshot: on("python3.6"), expect: { status: "fail", reason: "runtimeUpdatesBlocked" } },
  {
    name: "override pushes the date back",
    snapshot: on("python3.10"),
    settings: { runtimeOverrides: [{ identifier: "python3.10", deprecationDate: "2027-06-30" }] },
    expect: { status: "pass", reason: "runtimeSupported" },
  },
  { name: "container image", snapshot: snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null })] }), expect: { status: "not_applicable", reason: "containerImage" } },
  { name: "unknown runtime", snapshot: on("cobol1.x"), expect: { status: "unknown", reason: "runtimeNotInTable" } },
  { name: "runtime not read", snapshot: snapshotWith({ functions: [secureFunction({ runtime: undefined })] }), expect: { status: "unknown", reason: "runtimeNotRead" } },
]);
