import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-code-no-cmk",
  title: "Function's .zip deployment package is encrypted with a customer managed KMS key",
  severity: "low",
  layer: "customer",
  phase: "dependency",
  frameworks: {
    nist80053: ["SC-12", "SC-28(1)", "SI-7"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)", "164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "The deployment package holds the function's code and often its configuration files and bundled " +
    "dependencies. \"If you don't provide a customer managed key, Lambda uses an Amazon Web Services owned " +
    "key\": nobody in the account can restrict or audit its use. With SourceKMSKeyArn a key policy decides " +
    "who can decrypt the package, and CloudTrail records each use.",
  remediation:
    "Deploy the code again with a customer managed key: Lambda console > function > Code > Upload from > " +
    "Amazon S3 location > Encryption, or `aws lambda update-function-code --function-name NAME --s3-bucket " +
    "BUCKET --s3-key KEY --source-kms-key-arn KEY_ARN`.",
  requires: ["lambda:GetFunction"],
  limitations:
    "Container images are stored in Amazon ECR and use its encryption. Source: " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCodeLocation.html (SourceKMSKeyArn, retrieved 2026-11-30).",
  reasons: {
    containerImage: "A container image is not a .zip package (ECR encrypts it).",
    packageKeyNotRead: "The deployment package's KMS key was not read.",
    packageAwsOwnedKey: "The .zip deployment package is encrypted only with an AWS owned key.",
    packageCustomerKey: "The .zip deployment package is encrypted with a customer managed key.",
  },
  evaluate(fn) {
    if (fn.packageType === "Image") return notApplicable("containerImage");
    if (fn.sourceKmsKeyArn === undefined) return unknown("packageKeyNotRead");
    if (fn.sourceKmsKeyArn === null) return fail("packageAwsOwnedKey", { sourceKmsKeyArn: null });
    return pass("packageCustomerKey", { sourceKmsKeyArn: fn.sourceKmsKeyArn });
  },
});
