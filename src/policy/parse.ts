import { pathDeeperThan, POLICY_DEPTH_LIMIT } from "../json-depth.js";
/**
 * The one place an IAM policy document (identity, resource or trust policy) is turned from untrusted
 * JSON into typed data. Everything else in src/policy works on `ParsedPolicy`, never on raw JSON.
 *
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * AWS returns some documents URL-encoded (IAM GetRolePolicy, GetPolicyVersion, the role's
 * AssumeRolePolicyDocument): https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
 */

export type PolicyParseErrorCode =
  | "invalidJson"
  | "notAnObject"
  | "missingStatement"
  | "invalidStatement"
  | "invalidEffect"
  | "invalidElement"
  | "conflictingElements"
  | "missingAction"
  | "invalidCondition"
  | "tooDeep";

/** Thrown for any input that is not a policy document AWS could have stored. */
export class PolicyParseError extends Error {
  override readonly name = "PolicyParseError";
  constructor(
    readonly code: PolicyParseErrorCode,
    message: string,
    /** Where in the document, e.g. `Statement[1].Principal`. */
    readonly path: string | null = null,
  ) {
    super(path === null ? message : `${path}: ${message}`);
  }
}

export type Effect = "Allow" | "Deny";

/**
 * A statement's identity inside its policy. `index` is the 0-based position in the Statement array
 * (0 when Statement was a single object); descriptions count from 1, as people do.
 */
export interface StatementRef {
  index: number;
  sid: string | null;
}

/** `statement 2 (Sid "AllowS3") of policy my-policy`. */
export function describeStatement(ref: StatementRef, policyName?: string): string {
  const sid = ref.sid === null ? "" : ` (Sid "${ref.sid}")`;
  const policy = policyName === undefined ? "" : ` of policy ${policyName}`;
  return `statement ${ref.index + 1}${sid}${policy}`;
}

/**
 * One principal entry. `type` is the key of the Principal object (`AWS`, `Service`, `Federated`,
 * `CanonicalUser`) or `*` for the bare `"Principal": "*"`. `isWildcard` is true for `*` and
 * `{"AWS": "*"}` alike: both mean every principal of every account (and, for Lambda function URLs
 * with auth type NONE, anonymous callers).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
export interface ParsedPrincipal {
  type: string;
  value: string;
  isWildcard: boolean;
}

export type ConditionSetQualifier = "ForAnyValue" | "ForAllValues";

export interface ParsedCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** The operator without qualifier and IfExists, e.g. `StringLike`. */
  baseOperator: string;
  setQualifier: ConditionSetQualifier | null;
  ifExists: boolean;
  /** StringNotEquals, ArnNotLike, NotIpAddress, ...: the condition matches every value *but* these. */
  negated: boolean;
  /** The key as written (`AWS:SourceArn`). */
  key: string;
  /** The key lower-cased: condition key names are case-insensitive. */
  keyLower: string;
  /** Values as strings: booleans become "true"/"false", numbers their decimal form. */
  values: string[];
}

export interface ParsedStatement extends StatementRef {
  effect: Effect;
  /** Exactly one of action / notAction is non-null. */
  action: string[] | null;
  notAction: string[] | null;
  resource: string[] | null;
  notResource: string[] | null;
  principal: ParsedPrincipal[] | null;
  notPrincipal: ParsedPrincipal[] | null;
  conditions: ParsedCondition[];
}

export interface ParsedPolicy {
  version: string | null;
  id: string | null;
  statements: ParsedStatement[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseJsonObject(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch (plainError) {
    // Not JSON as is: IAM returns documents URL-encoded (RFC 3986), so decode once and retry.
    if (!trimmed.includes("%")) {
      throw new PolicyParseError("invalidJson", `not JSON: ${messageOf(plainError)}`);
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(trimmed);
    } catch (decodeError) {
      throw new PolicyParseError("invalidJson", `not JSON nor URL-encoded JSON: ${messageOf(decodeError)}`);
    }
    try {
      return JSON.parse(decoded);
    } catch (decodedError) {
      throw new PolicyParseError("invalidJson", `URL-decoded text is not JSON: ${messageOf(decodedError)}`);
    }
  }
}

function stringList(value: unknown, path: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === "string")) return [...value];
  throw new PolicyParseError("invalidElement", "expected a string or an array of strings", path);
}

function optionalStringList(statement: Record<string, unknown>, key: string, path: string): string[] | null {
  return key in statement ? stringList(statement[key], `${path}.${key}`) : null;
}

function parsePrincipal(value: unknown, path: string): ParsedPrincipal[] {
  if (typeof value === "string") {
    // The grammar allows only "*" as a bare string; anything else is read as an AWS principal,
    // which is what the value could only mean and keeps the account comparison conservative.
    return [{ type: value === "*" ? "*" : "AWS", value, isWildcard: value === "*" }];
  }
  if (!isRecord(value)) {
    throw new PolicyParseError("invalidElement", "expected \"*\" or an object of principal types", path);
  }
  const principals: ParsedPrincipal[] = [];
  for (const [type, entries] of Object.entries(value)) {
    for (const entry of stringList(entries, `${path}.${type}`)) {
      // Only AWS "*" is the everyone wildcard; a Service "*" is not valid IAM but is still nobody we can
      // narrow down, so it is treated as a wildcard too.
      principals.push({ type, value: entry, isWildcard: entry === "*" });
    }
  }
  return principals;
}

const SET_QUALIFIER = /^(ForAnyValue|ForAllValues):/i;
const IF_EXISTS = /IfExists$/i;
const NEGATED = /^(StringNot|ArnNot|NumericNot|DateNot|NotIpAddress)/i;

function conditionValues(value: unknown, path: string): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, position) => {
    if (typeof item === "string") return item;
    if (typeof item === "boolean" || (typeof item === "number" && Number.isFinite(item))) return String(item);
    throw new PolicyParseError("invalidCondition", "condition values must be strings, booleans or numbers", `${path}[${position}]`);
  });
}

function parseConditions(value: unknown, path: string): ParsedCondition[] {
  if (!isRecord(value)) throw new PolicyParseError("invalidCondition", "expected an object of operators", path);
  const conditions: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isRecord(block)) {
      throw new PolicyParseError("invalidCondition", "expected an object of condition keys", `${path}.${operator}`);
    }
    const qualifierMatch = SET_QUALIFIER.exec(operator);
    const withoutQualifier = qualifierMatch === null ? operator : operator.slice(qualifierMatch[0].length);
    const ifExists = IF_EXISTS.test(withoutQualifier);
    const baseOperator = ifExists ? withoutQualifier.replace(IF_EXISTS, "") : withoutQualifier;
    const qualifier = qualifierMatch?.[1]?.toLowerCase();
    for (const [key, rawValues] of Object.entries(block)) {
      conditions.push({
        operator,
        baseOperator,
        setQualifier: qualifier === "foranyvalue" ? "ForAnyValue" : qualifier === "forallvalues" ? "ForAllValues" : null,
        ifExists,
        negated: NEGATED.test(baseOperator),
        key,
        keyLower: key.toLowerCase(),
        values: conditionValues(rawValues, `${path}.${operator}.${key}`),
      });
    }
  }
  return conditions;
}

function exclusive<T>(statement: Record<string, unknown>, positive: string, negative: string, path: string, read: (value: unknown, at: string) => T): [T | null, T | null] {
  if (positive in statement && negative in statement) {
    throw new PolicyParseError("conflictingElements", `both ${positive} and ${negative}`, path);
  }
  return [
    positive in statement ? read(statement[positive], `${path}.${positive}`) : null,
    negative in statement ? read(statement[negative], `${path}.${negative}`) : null,
  ];
}

function parseStatement(raw: unknown, index: number, path: string): ParsedStatement {
  if (!isRecord(raw)) throw new PolicyParseError("invalidStatement", "expected an object", path);
  const effect = raw.Effect;
  // Effect is case-sensitive in IAM; a document with another value was not written by AWS.
  if (effect !== "Allow" && effect !== "Deny") {
    throw new PolicyParseError("invalidEffect", "Effect must be \"Allow\" or \"Deny\"", `${path}.Effect`);
  }
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== "string") {
    throw new PolicyParseError("invalidElement", "Sid must be a string", `${path}.Sid`);
  }
  const [action, notAction] = exclusive(raw, "Action", "NotAction", path, stringList);
  if (action === null && notAction === null) {
    throw new PolicyParseError("missingAction", "a statement needs Action or NotAction", path);
  }
  const [principal, notPrincipal] = exclusive(raw, "Principal", "NotPrincipal", path, parsePrincipal);
  if ("Resource" in raw && "NotResource" in raw) {
    throw new PolicyParseError("conflictingElements", "both Resource and NotResource", path);
  }
  return {
    index,
    sid: sid ?? null,
    effect,
    action,
    notAction,
    resource: optionalStringList(raw, "Resource", path),
    notResource: optionalStringList(raw, "NotResource", path),
    principal,
    notPrincipal,
    conditions: "Condition" in raw ? parseConditions(raw.Condition, `${path}.Condition`) : [],
  };
}

/**
 * Parse a policy document given as an object, a JSON string or a URL-encoded JSON string.
 * The input is never mutated and the result shares no objects with it.
 * @throws PolicyParseError when the input is not a policy document.
 */
export function parsePolicyDocument(input: unknown): ParsedPolicy {
  const document = typeof input === "string" ? parseJsonObject(input) : input;
  if (!isRecord(document)) throw new PolicyParseError("notAnObject", "a policy document must be a JSON object");
  const tooDeep = pathDeeperThan(document, POLICY_DEPTH_LIMIT);
  if (tooDeep !== undefined) throw new PolicyParseError("tooDeep", `nested deeper than ${POLICY_DEPTH_LIMIT} levels at ${tooDeep}`);
  if (!("Statement" in document)) throw new PolicyParseError("missingStatement", "no Statement element");
  const rawStatements = document.Statement;
  // Statement may be a single object rather than an array: both are valid IAM.
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements = list.map((raw, index) =>
    parseStatement(raw, index, Array.isArray(rawStatements) ? `Statement[${index}]` : "Statement"),
  );
  const version = typeof document.Version === "string" ? document.Version : null;
  const id = typeof document.Id === "string" ? document.Id : null;
  return { version, id, statements };
}
