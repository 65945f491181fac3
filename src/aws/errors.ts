import { ScanImpossibleError } from "../errors.js";

/**
 * No credentials, credentials AWS refuses, or no endpoint reachable: nothing can be scanned. The CLI
 * turns it into one line and exit code 3 (it is a ScanImpossibleError).
 */
export class AwsUnavailableError extends ScanImpossibleError {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = "AwsUnavailableError";
    this.code = code;
  }
}

/** `--regions all` could not list the account's enabled regions. Exit 3 as well, naming the flag. */
export class RegionListError extends ScanImpossibleError {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = "RegionListError";
    this.code = code;
  }
}

/** A command not on the allow-list reached a client: a bug, never a user error. */
export class ReadOnlyViolationError extends Error {
  readonly service: string;
  readonly operation: string;
  constructor(service: string, operation: string) {
    super(
      `lambda-posture is read-only: refused to send ${service}:${operation}, which is not on the allow-list (src/aws/allow-list.ts)`,
    );
    this.name = "ReadOnlyViolationError";
    this.service = service;
    this.operation = operation;
  }
}

export type AwsErrorKind = "notFound" | "denied" | "throttled" | "credentials" | "network" | "guard" | "other";

export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  /** The AWS error code (exception name), or a stable code of ours for non-AWS failures. */
  code: string;
  /** One line, bounded in length. AWS messages name resources, never request payloads. */
  message: string;
  /** Request attempts the SDK made, when it says so. */
  attempts?: number;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
}

const NOT_FOUND = new Set([
  // DescribeOrganization on an account that is in no organisation: there is none.
  "AWSOrganizationsNotInUseException",
  "ResourceNotFoundException",
  "NoSuchEntity",
  "NoSuchEntityException",
  "NotFoundException",
  "NotFound",
  "ResourceNotFound",
]);
const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedException",
  "AuthorizationError",
  "OptInRequired",
  "AuthFailure",
  "Blocked",
]);
const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "LimitExceededException",
  "ProvisionedThroughputExceededException",
]);
const CREDENTIALS = new Set([
  "CredentialsProviderError",
  "UnrecognizedClientException",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
]);
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "TimeoutError",
  "RequestTimeout",
]);

const MAX_MESSAGE = 300;
const MAX_CODE = 64;

/** One line, bounded, without control or bidi characters: it is shown on terminals and stored in gaps. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\s]+/g, " ").trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

/** Error codes are identifiers; anything else an endpoint sends in their place is not repeated. */
function errorCode(text: string): string {
  return /^[A-Za-z][A-Za-z0-9._:-]*$/.test(text) && text.length <= MAX_CODE ? text : "InvalidErrorCode";
}

/**
 * The SDK's message for an answer it could not parse quotes the bytes it failed on: a fragment of a
 * response body, which may be anything. Such messages are replaced by a fixed sentence.
 */
function isUnparseableResponse(name: string | undefined, message: string, record: { $response?: unknown; $responseBodyText?: unknown; $metadata?: unknown }): boolean {
  // The SDK attaches $response to every error raised while reading an answer, modelled service
  // errors included; only an error without $metadata, or with the body text, is a parse failure.
  // A body that stopped arriving (answer-time-limit.ts) reaches here through the deserializer too.
  if (name === "TimeoutError") return false;
  return (
    name === "SyntaxError" ||
    record.$responseBodyText !== undefined ||
    (record.$response !== undefined && record.$metadata === undefined) ||
    /Deserialization error|Unexpected token|is not valid JSON|Unexpected end of JSON input/i.test(message)
  );
}

/**
 * The one place an error from an AWS call is classified. Collectors decide what each kind means
 * for a field (not found on a configuration read is `null`; the rest leave the field absent and
 * record a gap); nothing else inspects SDK errors.
 */
export function classifyAwsError(error: unknown): ClassifiedAwsError {
  if (error instanceof ReadOnlyViolationError) {
    return { kind: "guard", code: "ReadOnlyViolation", message: error.message };
  }
  const record = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number };
    $retryable?: { throttling?: boolean };
    $response?: unknown;
    $responseBodyText?: unknown;
  };
  const name = typeof record.name === "string" && record.name !== "Error" ? record.name : undefined;
  const rawCode = typeof record.Code === "string" ? record.Code : typeof record.code === "string" ? record.code : undefined;
  const status = record.$metadata?.httpStatusCode;
  const rawMessage = typeof record.message === "string" ? record.message : "";
  const unparseable = isUnparseableResponse(name, rawMessage, record);
  const code = errorCode(unparseable ? "UnparseableResponse" : ((name && name !== "ServiceException" ? name : undefined) ?? rawCode ?? name ?? "UnknownError"));
  const message = unparseable
    ? `the answer could not be parsed${status !== undefined ? ` (HTTP ${status})` : ""}`
    : oneLine(rawMessage.replace(/\s*Deserialization error: to see the raw response.*$/s, "") || String(code));
  const attempts = record.$metadata?.attempts;
  const base = { code, message, ...(attempts !== undefined ? { attempts } : {}), ...(status !== undefined ? { status } : {}) };
  const codes = [code, rawCode].filter((value): value is string => value !== undefined);
  const has = (set: Set<string>) => codes.some((value) => set.has(value));
  if (has(NOT_FOUND) || (status === 404 && !has(DENIED))) return { kind: "notFound", ...base };
  if (has(THROTTLED) || record.$retryable?.throttling === true || status === 429) return { kind: "throttled", ...base };
  if (has(CREDENTIALS)) return { kind: "credentials", ...base };
  if (has(DENIED) || status === 403) return { kind: "denied", ...base };
  if (has(NETWORK)) return { kind: "network", ...base };
  return { kind: "other", ...base };
}

/**
 * Codes with which endpoints say "there is no such operation here" rather than "no such resource" or
 * "not allowed": AWS's own for an unknown operation, and what emulators answer for one they do not
 * implement (LocalStack: 501 InternalFailure "API action ... not yet implemented"; Moto: NotImplemented).
 */
const UNAVAILABLE = new Set(["UnknownOperationException", "UnknownOperation", "InvalidAction", "NotImplemented", "NotImplementedException", "UnrecognizedOperation"]);

/**
 * The operation is not available at this endpoint (an emulator that lacks it, a partition that lags
 * AWS's newest APIs): an unknown-operation code, 501 Not Implemented, or a 404 that is not one of the
 * service's own not-found errors (an HTML or empty 404 page). Access denied never is: that is a gap.
 * Only listings that have a slower per-resource equivalent use it, to fall back instead of giving up.
 */
export function isOperationUnavailable(error: ClassifiedAwsError): boolean {
  if (error.kind === "denied" || error.kind === "credentials" || error.kind === "throttled") return false;
  if (UNAVAILABLE.has(error.code) || error.status === 501) return true;
  return error.status === 404 && !NOT_FOUND.has(error.code);
}
