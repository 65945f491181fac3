import { defineCheck, DETECTIVE_COVERAGE_REASONS, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-guardduty-protection-disabled",
  title: "GuardDuty Lambda Protection monitors the function's region",
  severity: "medium",
  layer: "provider",
  phase: "output",
  frameworks: {
    nist80053: ["SI-4", "CA-7"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["GuardDuty.6"],
  },
  rationale:
    "GuardDuty Lambda Protection watches the network activity of every function invocation and reports " +
    "functions that talk to cryptocurrency pools, command-and-control hosts or known malicious addresses: " +
    "the signal that a function's code or a dependency has been compromised. It is a per-region feature of " +
    "the GuardDuty detector (LAMBDA_NETWORK_LOGS).",
  remediation:
    "Enable GuardDuty and its Lambda Protection in the region: GuardDuty console > Lambda Protection > Enable " +
    "(in an organisation, from the delegated administrator), or `aws guardduty update-detector --detector-id " +
    "DETECTOR_ID --features '[{\"Name\":\"LAMBDA_NETWORK_LOGS\",\"Status\":\"ENABLED\"}]'`.",
  requires: ["lambda:ListFunctions", "guardduty:ListDetectors", "guardduty:GetDetector"],
  limitations:
    "Not available in every region (AWS Config's guardduty-lambda-protection-enabled lists the exceptions). " +
    "Source: https://docs.aws.amazon.com/guardduty/latest/ug/configure-lambda-protection-standalone-acc.html " +
    "(retrieved 2026-11-30).",
  reasons: {
    ...DETECTIVE_COVERAGE_REASONS,
    guardDutyNotRead: "GuardDuty's detectors in the function's region were not read.",
    guardDutyOff: "GuardDuty is not enabled in the function's region (no detector).",
    detectorSuspended: "GuardDuty's detector in the function's region is suspended.",
    lambdaProtectionOff: "GuardDuty Lambda Protection is not enabled in the function's region.",
    lambdaProtectionOn: "GuardDuty Lambda Protection monitors the function's region.",
  },
  evaluate(fn, view) {
    const coverage = view.surface.detectiveCoverageOf(fn);
    if (!coverage.ok) return coverage.result;
    const detectors = coverage.value.guardDutyDetectors;
    if (detectors === undefined) return unknown("guardDutyNotRead");
    const evidence = { region: fn.region, detectors };
    if (detectors.length === 0) return fail("guardDutyOff", evidence);
    const enabled = detectors.filter((detector) => detector.status === "ENABLED");
    if (enabled.length === 0) return fail("detectorSuspended", evidence);
    if (enabled.some((detector) => detector.lambdaProtection === "ENABLED")) return pass("lambdaProtectionOn", evidence);
    return fail("lambdaProtectionOff", evidence);
  },
});
