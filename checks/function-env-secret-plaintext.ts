import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

/**
 * Key names that announce a secret. Only used when the value is long enough to be one and is not a
 * reference to a secret store; the collector's classification of the value itself comes first.
 */
const SECRET_KEY_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|SECRET_KEY|PRIVATE_KEY|API_KEY|APIKEY|ACCESS_KEY|TOKEN|AUTH_TOKEN|CLIENT_SECRET|CREDENTIALS?)($|_)/i;
const MIN_SECRET_LENGTH = 8;

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
    const classified = fn.environment.filter((variable) => variable.secretKinds.length > 0 && variable.isReference !== true);
    if (classified.length > 0) {
      return fail("credentialInEnvironment", {
        variables: classified.map((variable) => ({ key: variable.key, secretKinds: variable.secretKinds })),
      }, { count: classified.length });
    }
    const named = fn.environment.filter(
      (variable) => SECRET_KEY_NAME.test(variable.key) && variable.isReference !== true && variable.valueLength >= MIN_SECRET_LENGTH,
    );
    if (named.length > 0) {
      return fail("secretNamedVariable", {
        variables: named.map((variable) => ({ key: variable.key, valueLength: variable.valueLength })),
      }, { count: named.length });
    }
    return pass("noCredentialsInEnvironment", { variableKeys: fn.environment.map((variable) => variable.key) });
  },
});
