import { defineCheck, fail, inlineSecrets, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-env-secret-plaintext",
  title: "Function environment variables hold no credentials",
  severity: "high",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["IA-5(7)", "SC-28", "SC-12"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)", "164.312(a)(1)"],
    fsbp: [],
    cis: ["4.3"],
  },
  rationale:
    "Environment variables are returned in clear text to anyone with lambda:GetFunctionConfiguration, " +
    "copied into every published version, and read by every dependency in the process. A credential " +
    "there cannot be rotated without a redeploy and is exposed to every reader of the configuration.",
  remediation:
    "Store the secret in AWS Secrets Manager (or SSM Parameter Store SecureString), grant the role " +
    "secretsmanager:GetSecretValue on it, read it at runtime (the AWS Parameters and Secrets Lambda " +
    "Extension caches it), rotate the exposed value, and replace the variable with the secret's ARN: " +
    "Lambda console > function > Configuration > Environment variables > Edit, or `aws lambda " +
    "update-function-configuration --function-name NAME --environment 'Variables={DB_SECRET_ARN=arn:...}'`.",
  requires: ["lambda:ListFunctions"],
  limitations:
    "Values are never stored: detection relies on the collector's credential classification and on key " +
    "names that announce a secret. Encoded or custom-format secrets under neutral names may be missed.",
  reasons: {
    environmentNotRead: "The function's environment variables were not read.",
    noEnvironment: "The function has no environment variables.",
    credentialInEnvironment: "{count} environment variable(s) hold a recognised credential.",
    secretNamedVariable: "{count} environment variable(s) are named as secrets and hold an inline value.",
    noCredentialsInEnvironment: "No environment variable holds a recognised credential.",
  },
  evaluate(fn) {
    if (fn.environment === undefined) return unknown("environmentNotRead");
    if (fn.environment === null || fn.environment.length === 0) return pass("noEnvironment");
    const { recognised, namedAsSecret } = inlineSecrets(fn.environment);
    if (recognised.length > 0) return fail("credentialInEnvironment", { variables: recognised }, { count: recognised.length });
    if (namedAsSecret.length > 0) return fail("secretNamedVariable", { variables: namedAsSecret }, { count: namedAsSecret.length });
    return pass("noCredentialsInEnvironment", { variableKeys: fn.environment.map((variable) => variable.key) });
  },
});
