import check from "../../checks/function-runtime-deprecation-soon.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const on = (runtime: string) => snapshotWith({ functions: [secureFunction({ runtime })] });

describeCheckCases(check, [
  { name: "runtime supported for years", snapshot: on("python3.13"), expect: { status: "pass", reason: "deprecationBeyondHorizon" } },
  { name: "deprecation 240 days away with a 180-day horizon", snapshot: on("python3.11"), settings: { runtimeDeprecationHorizonDays: 180 }, expect: { status: "pass", reason: "deprecationBeyondHorizon" } },
  {
    name: "deprecation 240 days away with a one-year horizon",
    snapshot: on("python3.11"),
    settings: { runtimeDeprecationHorizonDays: 365 },
    expect: { status: "fail", reason: "deprecationWithinHorizon", evidence: { deprecationDate: "2027-06-30", horizonDays: 365 } },
  },
  { name: ".NET 8 deprecated in nine days", snapshot: on("dotnet8"), expect: { status: "fail", reason: "deprecationWithinHorizon", evidence: { daysLeft: 8 } } },
  {
    name: "override moves the date",
    snapshot: on("python3.13"),
    settings: { runtimeOverrides: [{ identifier: "python3.13", deprecationDate: "2027-01-01" }] },
    expect: { status: "fail", reason: "deprecationWithinHorizon" },
  },
  { name: "already deprecated", snapshot: on("nodejs18.x"), expect: { status: "not_applicable", reason: "alreadyDeprecated" } },
  { name: "container image", snapshot: snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null })] }), expect: { status: "not_applicable", reason: "containerImage" } },
  { name: "runtime not in the table", snapshot: on("nodejs99.x"), expect: { status: "unknown", reason: "runtimeNotInTable" } },
  { name: "runtime not read", snapshot: snapshotWith({ functions: [secureFunction({ runtime: undefined })] }), expect: { status: "unknown", reason: "runtimeNotRead" } },
]);
