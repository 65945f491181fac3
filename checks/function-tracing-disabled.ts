import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-tracing-disabled",
  title: "Function has AWS X-Ray active tracing enabled",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["AU-12", "SI-4"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["Lambda.7"],
  },
  rationale:
    "Without active tracing, requests cannot be followed across the function and the services it " +
    "calls, which slows the investigation of an abused trigger or an exfiltration path.",
  remediation:
    "Lambda console > function > Configuration > Monitoring and operations tools > Edit > enable " +
    "Active tracing, or `aws lambda update-function-configuration --function-name NAME " +
    "--tracing-config Mode=Active` (the role needs xray:PutTraceSegments and xray:PutTelemetryRecords).",
  requires: ["lambda:ListFunctions"],
  limitations: "OpenTelemetry or vendor tracing configured inside the code or a layer is not detected.",
  reasons: {
    tracingNotRead: "The tracing configuration was not read.",
    tracingActive: "X-Ray active tracing is enabled.",
    tracingPassThrough: "X-Ray active tracing is off (PassThrough).",
  },
  evaluate(fn) {
    if (fn.tracingMode === undefined) return unknown("tracingNotRead");
    if (fn.tracingMode === "Active") return pass("tracingActive", { tracingMode: fn.tracingMode });
    return fail("tracingPassThrough", { tracingMode: fn.tracingMode });
  },
});
