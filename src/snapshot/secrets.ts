import type { ClassifiedValue, SecretEvidence } from "./schema.js";
import { formatKinds } from "./secrets/formats.js";
import type { SecretKind } from "./secrets/kinds.js";
import { MIN_INLINE_SECRET_LENGTH, namesAnIdentifier, namesASecret } from "./secrets/key-names.js";
import { isSecretReference } from "./secrets/references.js";
import { secretlintKinds } from "./secrets/secretlint.js";
import { describeRandomness, isPlainSetting, isTemplateOrPlaceholder, looksRandom, measure, nonSecretShape } from "./secrets/shapes.js";

export { isInlineSecretByName, MIN_INLINE_SECRET_LENGTH, namesASecret } from "./secrets/key-names.js";
export { SECRET_KINDS, type SecretKind } from "./secrets/kinds.js";
export { isSecretReference } from "./secrets/references.js";
export { POSSIBLE_SECRET_THRESHOLDS } from "./secrets/shapes.js";

/**
 * Secret classification of environment variables and stage variables, done while collecting. The
 * value is read once here and then dropped: what leaves this module is the key, the value's length,
 * the kinds of credential recognised, whether the value is a reference to a secret store and, for a
 * kind inferred from the value's shape, the measurements that decided it. Neither the value nor a hash
 * of it (a hash of a short secret is as good as the secret) is ever returned, logged or put into an error.
 *
 * In order, for a value that is not a reference to a secret store (docs/secrets.md has the rule list):
 *  1. credential formats: secretlint's recommended preset (loaded lazily, see secrets/secretlint.ts),
 *     then the formats it has no rule for (secrets/formats.ts: Stripe, Google, JWT, connection strings
 *     of every database scheme, ...), also inside the string fields of a JSON value;
 *  2. a 40-character AWS secret access key by its shape alone (`medium` confidence);
 *  3. a name that announces a secret (secrets/key-names.ts, the rule the checks share) over a value of
 *     at least MIN_INLINE_SECRET_LENGTH characters that is not a template or a plain setting;
 *  4. under any other name that does not name an identifier, a random-looking value that has none of the
 *     shapes of identifiers, hashes and encoded configuration: `possible-secret` (`low` confidence).
 */

export type ValueClassification = Omit<ClassifiedValue, "key">;

const GENERIC_BY_NAME: SecretKind = "generic-secret-by-key-name";
const JSON_MAX_DEPTH = 32;
const JSON_MAX_NODES = 10_000;

/** A value of exactly an AWS secret access key's shape: 40 characters of base64, mixed case and digits. */
function awsSecretShape(key: string, value: string): SecretEvidence | undefined {
  if (namesASecret(key) && !/AWS/i.test(key)) return undefined;
  if (!/^[A-Za-z0-9/+]{40}$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value)) return undefined;
  if (nonSecretShape(value) !== undefined) return undefined;
  const stats = measure(value);
  if (!looksRandom(stats)) return undefined;
  return {
    kind: "aws-secret-access-key",
    rule: "aws-secret-access-key-shape",
    confidence: "medium",
    reason: `the shape of an AWS secret access key without its name: ${describeRandomness(stats)}`,
  };
}

function possibleSecret(value: string): SecretEvidence | undefined {
  if (/\s/.test(value) || nonSecretShape(value) !== undefined) return undefined;
  const stats = measure(value);
  if (!looksRandom(stats)) return undefined;
  return { kind: "possible-secret", rule: "high-entropy", confidence: "low", reason: `random-looking value: ${describeRandomness(stats)}` };
}

/**
 * A value under a secret's name that is long enough to be one and is not a template, a setting or a
 * KMS ciphertext (Lambda's encryption helpers leave the encrypted value under the secret's own name).
 */
function isInlineSecretValue(value: string): boolean {
  return (
    value.length >= MIN_INLINE_SECRET_LENGTH &&
    !isTemplateOrPlaceholder(value) &&
    !isPlainSetting(value) &&
    nonSecretShape(value) !== "kms-ciphertext"
  );
}

/** The string fields of a JSON object or array, with the name of the field that holds each (bounded walk). */
function jsonStrings(value: string): [string, string][] {
  const trimmed = value.trim();
  if (!/^[[{]/.test(trimmed)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    if (error instanceof SyntaxError) return [];
    throw error;
  }
  const found: [string, string][] = [];
  const stack: { node: unknown; field: string; depth: number }[] = [{ node: parsed, field: "", depth: 0 }];
  for (let visited = 0; stack.length > 0 && visited < JSON_MAX_NODES; visited += 1) {
    const { node, field, depth } = stack.pop() as { node: unknown; field: string; depth: number };
    if (typeof node === "string") found.push([field, node]);
    else if (node !== null && typeof node === "object" && depth < JSON_MAX_DEPTH) {
      const children = Array.isArray(node) ? node.map((child) => [field, child] as const) : Object.entries(node);
      for (const [name, child] of children) stack.push({ node: child, field: name, depth: depth + 1 });
    }
  }
  return found;
}

/** Credentials inside the fields of a JSON value: by format, or by the field's name. */
function jsonKinds(value: string): Set<SecretKind> {
  const kinds = new Set<SecretKind>();
  for (const [field, text] of jsonStrings(value)) {
    if (isSecretReference(field, text)) continue;
    const found = formatKinds(field, text);
    if (found.size === 0 && namesASecret(field) && isInlineSecretValue(text.trim())) found.add(GENERIC_BY_NAME);
    for (const kind of found) kinds.add(kind);
  }
  return kinds;
}

function classifyEntry(key: string, value: string, linted: ReadonlySet<string>): ClassifiedValue {
  if (isSecretReference(key, value)) return { key, valueLength: value.length, secretKinds: [], isReference: true };
  const kinds = new Set([...linted, ...formatKinds(key, value), ...jsonKinds(value)]);
  const evidence: SecretEvidence[] = [];
  const trimmed = value.trim();
  if (kinds.size === 0) {
    const inferred = awsSecretShape(key, trimmed);
    if (inferred) evidence.push(inferred);
    else if (namesASecret(key)) {
      if (isInlineSecretValue(trimmed)) kinds.add(GENERIC_BY_NAME);
    } else if (!namesAnIdentifier(key)) {
      const possible = possibleSecret(trimmed);
      if (possible) evidence.push(possible);
    }
    for (const { kind } of evidence) kinds.add(kind);
  }
  return {
    key,
    valueLength: value.length,
    secretKinds: [...kinds].sort(),
    isReference: false,
    ...(evidence.length > 0 ? { evidence } : {}),
  };
}

/** Classifies every variable of one function (or stage); one secretlint pass for all of them. */
export async function classifyVariables(variables: Record<string, string>): Promise<ClassifiedValue[]> {
  const entries = Object.entries(variables);
  const linted = await secretlintKinds(entries);
  return entries.map(([key, value], index) => classifyEntry(key, value, linted[index] ?? new Set()));
}

/** One value; see classifyVariables. */
export async function classifyValue(key: string, value: string): Promise<ValueClassification> {
  const [classified] = await classifyVariables({ [key]: value });
  const { key: _key, ...rest } = classified as ClassifiedValue;
  return rest;
}
