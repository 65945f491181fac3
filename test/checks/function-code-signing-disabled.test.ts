import check from "../../checks/function-code-signing-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const csc = "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1";
const withCsc = (policy: "Enforce" | "Warn" | undefined) =>
  snapshotWith({ functions: [secureFunction({ codeSigningConfig: { arn: csc, ...(policy ? { untrustedArtifactOnDeployment: policy } : {}) } })] });

describeCheckCases(check, [
  { name: "enforced", snapshot: withCsc("Enforce"), expect: { status: "pass", reason: "codeSigningEnforced" } },
  { name: "no code signing config", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "fail", reason: "noCodeSigningConfig" } },
  { name: "warn only", snapshot: withCsc("Warn"), expect: { status: "fail", reason: "codeSigningWarnOnly", evidence: { "codeSigningConfig.untrustedArtifactOnDeployment": "Warn" } } },
  { name: "container image", snapshot: snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null })] }), expect: { status: "not_applicable", reason: "containerImage" } },
  { name: "config not read", snapshot: snapshotWith({ functions: [secureFunction({ codeSigningConfig: undefined })] }), expect: { status: "unknown", reason: "codeSigningNotRead" } },
  { name: "policy not read", snapshot: withCsc(undefined), expect: { status: "unknown", reason: "codeSigningPolicyNotRead" } },
]);
