import { lintSource } from "@secretlint/core";
import { creator as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";
import type { ClassifiedValue } from "./schema.js";

/**
 * Secret classification of environment variables and stage variables, done while collecting. The
 * value is read once here and then dropped: what leaves this module is the key, the value's length,
 * the kinds of credential recognised and whether the value is a reference to a secret store. Neither
 * the value nor a hash of it (a hash of a short secret is as good as the secret) is ever returned,
 * logged or put into an error.
 *
 * Recognition is the `@secretlint/secretlint-rule-preset-recommend` rule set (AWS, GCP, GitHub,
 * Slack, npm, private keys, database connection strings, ...), which is maintained by people who
 * follow credential formats, plus two things it cannot know: the variable's name (a high-entropy
 * value under `DB_PASSWORD` is a secret whatever its format) and what a reference looks like.
 */

export type ValueClassification = Omit<ClassifiedValue, "key">;

const SECRETLINT_CONFIG = {
  rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedRules }],
};

/** secretlint messageIds that are not credentials (an account id is an identifier). */
const IGNORED_MESSAGE_IDS = new Set(["AWSAccountID"]);

/** Stable kind names for the credentials the checks talk about; others are derived from the rule. */
const KNOWN_KINDS: Record<string, string> = {
  AWSSecretAccessKey: "aws-secret-access-key",
  AWSAccessKeyID: "aws-access-key-id",
  PrivateKey: "private-key",
};

const SECRET_KEY_NAME =
  /(PASS(WORD|WD|PHRASE)?|PWD|SECRET|TOKEN|API[_-]?KEY|APIKEY|PRIVATE[_-]?KEY|ACCESS[_-]?KEY|CREDENTIAL|AUTH[_-]?KEY|SIGNING[_-]?KEY|CLIENT[_-]?KEY|SESSION[_-]?KEY|ENCRYPTION[_-]?KEY|SALT|WEBHOOK|DSN)/i;

/** Formats secretlint's preset does not flag on a bare value but that are credentials all the same. */
const EXTRA_PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: "aws-access-key-id", pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { kind: "private-key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
];

/** Secrets Manager and SSM Parameter Store pointers: the value names a secret, it does not hold one. */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/,
  /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/\S+$/,
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

function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * A value that could be a password or key rather than a setting: long enough, no spaces, several
 * character classes and enough entropy. "production", "true", "8080" and "eu-west-1" are not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  if (/^(true|false|null|none|yes|no|enabled|disabled)$/i.test(value)) return false;
  if (/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value)) return false;
  // Identifiers made of words (x-api-key, my_table.name) are settings, not secrets.
  if (/^([a-z]+|[A-Z]+)([-_.]([a-z]+|[A-Z]+))*$/.test(value)) return false;
  if (/^https?:\/\/[^/@\s]+(\/\S*)?$/i.test(value) && !/[?&](token|key|secret|sig|signature)=/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 && shannonEntropy(value) >= 2.5;
}

function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}

function kindOf(ruleId: string, messageId: string): string {
  const known = KNOWN_KINDS[messageId];
  if (known) return known;
  const rule = ruleId.replace(/^@secretlint\/secretlint-rule-/, "");
  const message = kebab(messageId);
  if (rule === "database-connection-string") return "database-connection-string";
  return message.startsWith(rule) ? message : `${rule}-${message}`;
}

/**
 * Classifies every variable of one function (or stage) with one secretlint pass: the variables are
 * laid out as `KEY=value` lines, so that rules that need the key (AWS secret access keys) see it, and
 * each finding is attributed to a variable by its offset.
 */
export async function classifyVariables(variables: Record<string, string>): Promise<ClassifiedValue[]> {
  const entries = Object.entries(variables);
  const segments: { start: number; end: number }[] = [];
  let content = "";
  for (const [key, value] of entries) {
    const start = content.length;
    content += `${key}=${value}\n`;
    segments.push({ start, end: content.length });
  }
  const kinds = entries.map(() => new Set<string>());
  if (content.length > 0) {
    const result = await lintSource({
      source: { content, filePath: "environment", contentType: "text" },
      options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
    });
    for (const message of result.messages) {
      if (IGNORED_MESSAGE_IDS.has(message.messageId)) continue;
      const offset = message.range[0];
      const index = segments.findIndex((segment) => offset >= segment.start && offset < segment.end);
      if (index >= 0) kinds[index]?.add(kindOf(message.ruleId, message.messageId));
    }
  }
  return entries.map(([key, value], index) => {
    const found = kinds[index] ?? new Set<string>();
    const isReference = isSecretReference(key, value);
    if (!isReference) {
      for (const { kind, pattern } of EXTRA_PATTERNS) if (pattern.test(value)) found.add(kind);
      if (found.size === 0 && SECRET_KEY_NAME.test(key) && looksRandom(value)) found.add("generic-secret-by-key-name");
    }
    return { key, valueLength: value.length, secretKinds: isReference ? [] : [...found].sort(), isReference };
  });
}

/** One value; see classifyVariables. */
export async function classifyValue(key: string, value: string): Promise<ValueClassification> {
  const [classified] = await classifyVariables({ [key]: value });
  const { key: _key, ...rest } = classified as ClassifiedValue;
  return rest;
}
