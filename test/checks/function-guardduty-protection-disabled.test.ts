import check from "../../checks/function-guardduty-protection-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { coverage } from "./builders.js";

const withDetectors = (guardDutyDetectors?: { id: string; status: string; lambdaProtection: string | null }[]) =>
  snapshotWith({ functions: [secureFunction()], detectiveCoverage: [coverage(guardDutyDetectors ? { guardDutyDetectors } : {})] });

describeCheckCases(check, [
  { name: "Lambda Protection on", snapshot: withDetectors([{ id: "d1", status: "ENABLED", lambdaProtection: "ENABLED" }]), expect: { status: "pass", reason: "lambdaProtectionOn" } },
  { name: "Lambda Protection off", snapshot: withDetectors([{ id: "d1", status: "ENABLED", lambdaProtection: "DISABLED" }]), expect: { status: "fail", reason: "lambdaProtectionOff" } },
  { name: "feature not listed", snapshot: withDetectors([{ id: "d1", status: "ENABLED", lambdaProtection: null }]), expect: { status: "fail", reason: "lambdaProtectionOff" } },
  { name: "no detector", snapshot: withDetectors([]), expect: { status: "fail", reason: "guardDutyOff" } },
  { name: "detector suspended", snapshot: withDetectors([{ id: "d1", status: "DISABLED", lambdaProtection: "ENABLED" }]), expect: { status: "fail", reason: "detectorSuspended" } },
  { name: "detectors not read", snapshot: withDetectors(undefined), expect: { status: "unknown", reason: "guardDutyNotRead" } },
]);
