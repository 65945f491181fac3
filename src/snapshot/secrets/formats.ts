import type { SecretKind } from "./kinds.js";
import { derKeyKind, isTemplateOrPlaceholder } from "./shapes.js";

/**
 * Credential formats that secretlint's recommended preset (11.7.1) has no rule for, recognised by
 * their vendor's marker: a prefix, a fixed layout or a checkable header. No `@secretlint` package exists
 * for these (Stripe, Google API keys, GitLab, JWT, ...); `@secretlint/secretlint-rule-pattern` would
 * only wrap the same regular expressions in configuration. The formats follow the vendors'
 * documentation and the widely used gitleaks rule set; each one is exercised by the corpus test.
 */

/** Not part of a longer token on either side (base64url characters). */
const B = "(?<![A-Za-z0-9_-])";
const E = "(?![A-Za-z0-9_-])";

export const VENDOR_FORMATS: readonly { kind: SecretKind; pattern: RegExp }[] = [
  // AKIAIOSFODNN7EXAMPLE is the key id of AWS's documentation; secretlint ignores it too.
  { kind: "aws-access-key-id", pattern: /\b(AKIA|ASIA)(?!IOSFODNN7EXAMPLE)[A-Z0-9]{16}\b/ },
  { kind: "private-key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: "stripe-secret-key", pattern: new RegExp(`${B}(?:sk|rk)_(?:live|prod)_[0-9A-Za-z]{20,247}${E}`) },
  { kind: "stripe-test-secret-key", pattern: new RegExp(`${B}(?:sk|rk)_test_[0-9A-Za-z]{20,247}${E}`) },
  { kind: "stripe-webhook-secret", pattern: new RegExp(`${B}whsec_[0-9A-Za-z+/=]{24,}${E}`) },
  { kind: "google-api-key", pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`) },
  { kind: "gitlab-token", pattern: new RegExp(`${B}gl(?:pat|ptt|dt|rt|oas|cbt|ft)-[0-9A-Za-z_-]{20,}${E}`) },
  { kind: "hugging-face-token", pattern: new RegExp(`${B}hf_[A-Za-z]{34}${E}`) },
  { kind: "pypi-token", pattern: new RegExp(`${B}pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}${E}`) },
  { kind: "digitalocean-token", pattern: new RegExp(`${B}do[opr]_v1_[a-f0-9]{64}${E}`) },
  { kind: "databricks-token", pattern: new RegExp(`${B}dapi[a-f0-9]{32}(?:-\\d)?${E}`) },
  { kind: "new-relic-api-key", pattern: new RegExp(`${B}NRAK-[A-Z0-9]{27}${E}`) },
  { kind: "sentry-token", pattern: new RegExp(`${B}sntr[ysu]_[A-Za-z0-9+/=_]{40,}${E}`) },
  { kind: "grafana-token", pattern: new RegExp(`${B}glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${E}`) },
  { kind: "postman-api-key", pattern: new RegExp(`${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${E}`) },
  { kind: "vault-token", pattern: new RegExp(`${B}hv[sb]\\.[A-Za-z0-9_-]{90,}${E}`) },
  { kind: "atlassian-api-token", pattern: new RegExp(`${B}ATATT3[A-Za-z0-9_=-]{180,}${E}`) },
  { kind: "mailgun-api-key", pattern: new RegExp(`${B}key-[a-f0-9]{32}${E}`) },
  { kind: "mailchimp-api-key", pattern: new RegExp(`${B}[a-f0-9]{32}-us\\d{1,2}${E}`) },
  { kind: "telegram-bot-token", pattern: /(?<![0-9A-Za-z])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/ },
  { kind: "discord-webhook-url", pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{30,}/ },
  { kind: "teams-webhook-url", pattern: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/-]{40,}/i },
  { kind: "age-secret-key", pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/ },
  { kind: "azure-storage-account-key", pattern: /(?:^|;)\s*AccountKey=[A-Za-z0-9+/]{40,}={0,2}/i },
  { kind: "aws-appsync-api-key", pattern: new RegExp(`${B}da2-[a-z0-9]{26}${E}`) },
  { kind: "azure-shared-access-key", pattern: /(?:^|;)\s*SharedAccessKey=[A-Za-z0-9+/]{30,}={0,2}/i },
];

const JWT = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{2,})\.([A-Za-z0-9_-]{16,})(?![A-Za-z0-9_.-])/g;

/** A signed JWT: three base64url segments, the first a JSON header naming its algorithm (not `none`). */
export function containsJwt(value: string): boolean {
  for (const match of value.matchAll(JWT)) {
    try {
      const header: unknown = JSON.parse(Buffer.from(match[1] ?? "", "base64url").toString("utf8"));
      if (typeof header !== "object" || header === null) continue;
      const alg = (header as Record<string, unknown>).alg;
      if (typeof alg === "string" && alg.toLowerCase() !== "none") return true;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return false;
}

/** Database (and cache) schemes: a password in one of these is a database credential. */
const DATABASE_SCHEMES = new Set([
  "postgres", "postgresql", "mysql", "mysqlx", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "mssql",
  "sqlserver", "oracle", "cockroachdb", "clickhouse", "neo4j", "neo4j+s", "bolt", "couchbase", "couchbases",
  "cassandra", "memcached", "snowflake", "db2", "jdbc:postgresql", "jdbc:mysql", "jdbc:mariadb", "jdbc:sqlserver",
  "jdbc:oracle", "jdbc:db2",
]);

/**
 * Passwords that secretlint's database-connection-string rule also ignores: documentation placeholders
 * rather than credentials. Kept identical so that every scheme follows one rule.
 */
const PLACEHOLDER_PASSWORDS = new Set([
  "localhost", "127.0.0.1", "example.com", "example.org", "test.com", "password", "username", "secret",
  "mypassword", "myusername", "root", "admin", "user", "pass", "your_password", "your_username",
  "replace_with_password",
]);

function isRealPassword(password: string): boolean {
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
  }
  return decoded.length >= 4 && !isTemplateOrPlaceholder(decoded) && !PLACEHOLDER_PASSWORDS.has(decoded.toLowerCase());
}

const URL_WITH_PASSWORD = /(?<![A-Za-z0-9+.:-])((?:jdbc:)?[a-z][a-z0-9+.-]{1,20}):\/\/([^\s:@/?#]*):([^\s@/?#]+)@[^\s@/?#]+/gi;
const PASSWORD_PARAMETER = /[?&;](?:password|passwd|pwd)=([^&;\s#]+)/gi;
const TOKEN_PARAMETER =
  /[?&](?:secret|client_secret|token|access_token|refresh_token|api[_-]?key|apikey|sig|signature|x-amz-signature|x-amz-security-token)=([^&\s#]{8,})/gi;
const KEY_VALUE_PASSWORD = /(?:^|;)\s*(?:password|pwd)\s*=\s*([^;]+)/gi;

/** Passwords and tokens carried by connection strings and URLs. */
function connectionKinds(value: string, kinds: Set<SecretKind>): void {
  for (const match of value.matchAll(URL_WITH_PASSWORD)) {
    if (!isRealPassword(match[3] ?? "")) continue;
    kinds.add(DATABASE_SCHEMES.has((match[1] ?? "").toLowerCase()) ? "database-connection-string" : "url-with-password");
  }
  const scheme = /^((?:jdbc:)?[a-z][a-z0-9+.-]{1,20}):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    const isDatabase = DATABASE_SCHEMES.has(scheme);
    for (const match of value.matchAll(PASSWORD_PARAMETER)) {
      if (isRealPassword(match[1] ?? "")) kinds.add(isDatabase ? "database-connection-string" : "url-with-password");
    }
    for (const match of value.matchAll(TOKEN_PARAMETER)) {
      if (!isTemplateOrPlaceholder(match[1] ?? "")) kinds.add("url-with-credential-parameter");
    }
    return;
  }
  // ADO.NET / ODBC style: Server=...;Database=...;User Id=...;Password=...;
  if (/[A-Za-z ]+=[^;]*;/.test(value)) {
    for (const match of value.matchAll(KEY_VALUE_PASSWORD)) {
      if (isRealPassword((match[1] ?? "").trim())) kinds.add("database-connection-string");
    }
  }
}

/** `Authorization` header values: `Basic base64(user:password)`, `Bearer <token>`. */
function authorizationKinds(value: string, kinds: Set<SecretKind>): void {
  const match = /^\s*(Basic|Bearer|Token)\s+(\S+)\s*$/i.exec(value);
  if (!match) return;
  const [, scheme = "", credential = ""] = match;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    if (/^[^:\s]+:\S{4,}$/.test(decoded)) kinds.add("authorization-header-credential");
  } else if (credential.length >= 16 && !isTemplateOrPlaceholder(credential)) {
    kinds.add("authorization-header-credential");
  }
}

/** Every credential format recognised in the value by this module (secretlint runs separately). */
export function formatKinds(key: string, value: string): Set<SecretKind> {
  const kinds = new Set<SecretKind>();
  for (const { kind, pattern } of VENDOR_FORMATS) if (pattern.test(value)) kinds.add(kind);
  if (containsJwt(value)) kinds.add("jwt");
  if (derKeyKind(value) === "private") kinds.add("private-key");
  connectionKinds(value, kinds);
  authorizationKinds(value, kinds);
  // Twilio auth tokens are 32 hex digits, like an MD5: only the variable's name tells them apart.
  if (/TWILIO/i.test(key) && /^[0-9a-f]{32}$/.test(value.trim())) kinds.add("twilio-auth-token");
  return kinds;
}
