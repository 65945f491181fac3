import { defineCheck, DETECTIVE_COVERAGE_REASONS, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-inspector-scanning-disabled",
  title: "Amazon Inspector scans the function's dependencies and code",
  severity: "medium",
  layer: "provider",
  phase: "output",
  frameworks: {
    nist80053: ["RA-5", "SI-2", "SR-3"],
    owaspServerless: ["SAS-6"],
    hipaa: [],
    fsbp: ["Inspector.4", "Inspector.3"],
  },
  rationale:
    "Amazon Inspector's Lambda standard scanning reports known vulnerabilities (CVEs) in a function's packages " +
    "and layers as they are published, and its code scanning finds injection flaws and hard-coded secrets in " +
    "the function's own code. Without it, a vulnerable dependency stays deployed until someone looks.",
  remediation:
    "Activate Lambda standard scanning (and Lambda code scanning) in the region: Inspector console > Account " +
    "management > Activate > Lambda standard scanning / Lambda code scanning, or `aws inspector2 enable " +
    "--resource-types LAMBDA LAMBDA_CODE --account-ids ACCOUNT_ID`.",
  requires: ["lambda:ListFunctions", "inspector2:BatchGetAccountStatus"],
  limitations:
    "Fails when standard scanning (dependencies) is not ENABLED; code scanning is reported in the evidence. " +
    "Source: https://docs.aws.amazon.com/inspector/v2/APIReference/API_ResourceState.html (retrieved 2026-11-30).",
  reasons: {
    ...DETECTIVE_COVERAGE_REASONS,
    inspectorNotRead: "Amazon Inspector's status in the function's region was not read.",
    lambdaScanningOff: "Amazon Inspector does not scan Lambda functions in the function's region (standard scanning {lambdaStatus}).",
    dependenciesScannedOnly: "Amazon Inspector scans the function's dependencies; code scanning is {lambdaCodeStatus}.",
    dependenciesAndCodeScanned: "Amazon Inspector scans the function's dependencies and code.",
  },
  evaluate(fn, view) {
    const coverage = view.surface.detectiveCoverageOf(fn);
    if (!coverage.ok) return coverage.result;
    const inspector = coverage.value.inspector;
    if (inspector === undefined) return unknown("inspectorNotRead");
    const evidence = { region: fn.region, inspectorStatus: inspector.status, lambda: inspector.lambda, lambdaCode: inspector.lambdaCode };
    if (inspector.lambda !== "ENABLED") return fail("lambdaScanningOff", evidence, { lambdaStatus: inspector.lambda ?? "not reported" });
    if (inspector.lambdaCode !== "ENABLED") return pass("dependenciesScannedOnly", evidence, { lambdaCodeStatus: inspector.lambdaCode ?? "not reported" });
    return pass("dependenciesAndCodeScanned", evidence);
  },
});
