/**
 * Pointers to a secret store: the value names a secret (or a key held by KMS), it does not hold one.
 * Secrets Manager and SSM Parameter Store ARNs, CloudFormation dynamic references, the Lambda
 * extension's `/aws/reference/secretsmanager/` paths, KMS key and alias ARNs, and parameter paths under
 * a name that says it names a parameter.
 */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/,
  /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/\S+$/,
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/\S+$/,
  /^\{\{resolve:(ssm|ssm-secure|secretsmanager):[^}]+\}\}$/,
  /^\/aws\/reference\/secretsmanager\/\S+$/,
];
const PARAMETER_PATH = /^\/[A-Za-z0-9_.\-]+(\/[A-Za-z0-9_.\-]+)+$/;
const PARAMETER_KEY_NAME = /(PARAM|SSM|SECRET_(NAME|ID|ARN|PATH)|_(ARN|PATH|NAME|ID)$)/i;

/** Whether the value points at a secret store rather than holding a secret. */
export function isSecretReference(key: string, value: string): boolean {
  const trimmed = value.trim();
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed))) return true;
  // A parameter path such as /myapp/prod/db-password under a key that says it names one.
  return PARAMETER_PATH.test(trimmed) && PARAMETER_KEY_NAME.test(key);
}
