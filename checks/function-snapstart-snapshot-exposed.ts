import { defineCheck, fail, inlineSecrets, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-snapstart-snapshot-exposed",
  title: "SnapStart snapshots hold no inline secrets and are encrypted with a customer managed key",
  severity: "low",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["SC-28(1)", "IA-5(7)", "SC-12"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: [],
  },
  rationale:
    "With SnapStart, Lambda snapshots the initialised execution environment of each published version and " +
    "restores every new environment from it: whatever initialisation read (secrets from the environment, " +
    "keys, tokens, seeded randomness) is stored in the snapshot and reused across environments. \"By default, " +
    "Lambda uses an AWS managed key\" for snapshots; the function's customer managed key (KMSKeyArn) decides " +
    "who can use them instead.",
  remediation:
    "Fetch secrets after restore (a runtime hook, or Secrets Manager at first use) instead of keeping them in " +
    "environment variables, and set a customer managed key: Lambda console > function > Configuration > " +
    "Environment variables > Edit > Encryption configuration, or `aws lambda update-function-configuration " +
    "--function-name NAME --kms-key-arn KEY_ARN`, then publish a new version.",
  requires: ["lambda:ListFunctions"],
  limitations:
    "Judged on the unqualified function's configuration (SnapStart applies to the versions published from it); " +
    "secrets a function fetches during initialisation from elsewhere are not visible. Sources: " +
    "https://docs.aws.amazon.com/lambda/latest/dg/snapstart-security.html, " +
    "https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html (retrieved 2026-11-30).",
  reasons: {
    snapStartNotRead: "The function's SnapStart setting was not read.",
    snapStartOff: "SnapStart is not enabled for the function.",
    environmentNotRead: "The function's environment variables were not read.",
    snapshotHoldsSecrets: "SnapStart is on and the environment holds secrets ({keys}) that every snapshot carries.",
    snapshotAwsManagedKey: "SnapStart is on and snapshots are encrypted only with the AWS managed key.",
    snapshotProtected: "SnapStart is on, the environment holds no inline secret and a customer managed key encrypts the snapshots.",
  },
  evaluate(fn) {
    if (fn.snapStart === undefined) return unknown("snapStartNotRead");
    if (fn.snapStart === null || fn.snapStart.applyOn !== "PublishedVersions") return notApplicable("snapStartOff", { snapStart: fn.snapStart });
    if (fn.environment === undefined) return unknown("environmentNotRead");
    const secrets = inlineSecrets(fn.environment ?? []);
    const keys = [...secrets.recognised.map((entry) => entry.key), ...secrets.namedAsSecret.map((entry) => entry.key)];
    if (keys.length > 0) return fail("snapshotHoldsSecrets", { "snapStart.applyOn": fn.snapStart.applyOn, secretKeys: keys }, { keys: keys.join(", ") });
    if (fn.kmsKeyArn === undefined) return unknown("snapStartNotRead");
    if (fn.kmsKeyArn === null) return fail("snapshotAwsManagedKey", { "snapStart.applyOn": fn.snapStart.applyOn, kmsKeyArn: null });
    return pass("snapshotProtected", { "snapStart.applyOn": fn.snapStart.applyOn, kmsKeyArn: fn.kmsKeyArn });
  },
});
