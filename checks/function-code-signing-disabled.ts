import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-code-signing-disabled",
  title: "Function enforces code signing",
  severity: "medium",
  layer: "customer",
  phase: "dependency",
  frameworks: {
    nist80053: ["CM-14", "SI-7", "SI-7(15)", "SR-4"],
    owaspServerless: ["SAS-6", "SAS-3"],
    hipaa: ["164.312(c)(1)", "164.312(c)(2)"],
    fsbp: [],
    cis: ["4.8"],
  },
  rationale:
    "Without an enforcing code signing configuration, anyone with lambda:UpdateFunctionCode (a leaked CI " +
    "credential, an over-privileged role) can replace the function's code with anything; with one, Lambda " +
    "rejects code not signed by an allowed AWS Signer profile. A configuration that only warns rejects nothing.",
  remediation:
    "Create a signing profile and a code signing configuration with UntrustedArtifactOnDeployment=Enforce, " +
    "sign deployments, and attach it: Lambda console > Code signing configurations > Create, then function > " +
    "Configuration > Code signing > Edit; or `aws lambda create-code-signing-config --allowed-publishers " +
    "SigningProfileVersionArns=PROFILE_VERSION_ARN --code-signing-policies " +
    "UntrustedArtifactOnDeployment=Enforce` and `aws lambda put-function-code-signing-config " +
    "--function-name NAME --code-signing-config-arn CSC_ARN`.",
  requires: ["lambda:ListCodeSigningConfigs", "lambda:ListFunctionsByCodeSigningConfig"],
  limitations: "Code signing does not apply to container-image functions (use image signing and ECR policies).",
  reasons: {
    containerImage: "Lambda code signing does not apply to container images.",
    codeSigningNotRead: "The code signing configuration was not read.",
    noCodeSigningConfig: "The function has no code signing configuration.",
    codeSigningPolicyNotRead: "The code signing configuration's policy was not read.",
    codeSigningWarnOnly: "The code signing configuration only warns about unsigned code.",
    codeSigningEnforced: "The function rejects code not signed by an allowed publisher.",
  },
  evaluate(fn) {
    if (fn.packageType === "Image") return notApplicable("containerImage");
    if (fn.codeSigningConfig === undefined) return unknown("codeSigningNotRead");
    if (fn.codeSigningConfig === null) return fail("noCodeSigningConfig", { codeSigningConfig: null });
    const policy = fn.codeSigningConfig.untrustedArtifactOnDeployment;
    const evidence = { "codeSigningConfig.arn": fn.codeSigningConfig.arn, "codeSigningConfig.untrustedArtifactOnDeployment": policy ?? null };
    if (policy === undefined) return unknown("codeSigningPolicyNotRead", evidence);
    if (policy === "Warn") return fail("codeSigningWarnOnly", evidence);
    return pass("codeSigningEnforced", evidence);
  },
});
