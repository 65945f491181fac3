/**
 * Wire-protocol helpers: how the SDK v3 clients frame requests (REST-JSON for Lambda and API Gateway,
 * JSON 1.1 for CloudWatch Logs, Query for IAM and STS, EC2 Query for EC2) and how they parse answers
 * and errors (@aws-sdk/core/protocols: x-amzn-errortype or __type for JSON, ErrorResponse/Error/Code
 * for Query, Response/Errors/Error/Code for EC2).
 */

export type Protocol = "rest-json" | "json-1.1" | "query" | "ec2-query";

/** Service prefixes as in src/aws/allow-list.ts (apigatewayv2 is signed as `apigateway`). */
export type StubService = "lambda" | "apigateway" | "apigatewayv2" | "logs" | "iam" | "sts" | "ec2" | "organizations" | "cloudtrail" | "guardduty" | "inspector2";

export const PROTOCOL_OF: Record<StubService, Protocol> = {
  lambda: "rest-json",
  apigateway: "rest-json",
  apigatewayv2: "rest-json",
  logs: "json-1.1",
  iam: "query",
  sts: "query",
  ec2: "ec2-query",
  organizations: "json-1.1",
  cloudtrail: "json-1.1",
  guardduty: "rest-json",
  inspector2: "rest-json",
};

export const XML_NAMESPACE: Record<"iam" | "sts" | "ec2", string> = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  ec2: "http://ec2.amazonaws.com/doc/2016-11-15/",
};

/** An AWS error answer; the protocol layer frames it as the service does. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra body fields (REST-JSON/JSON only), e.g. Lambda's `Reason`. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/lambda/aws4_request, SignedHeaders=..., Signature=...` */
export function parseCredentialScope(authorization: string | undefined): CredentialScope | null {
  if (!authorization) return null;
  const match = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!match) return null;
  const [, accessKeyId = "", date = "", region = "", service = ""] = match;
  return { accessKeyId, date, region, service };
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * Renders plain data as XML elements: objects become child elements, arrays become repeated
 * `<member>` (Query) or `<item>` (EC2) elements, undefined and null are left out.
 */
export function toXml(value: unknown, listItem: "member" | "item"): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((item) => `<${listItem}>${toXml(item, listItem)}</${listItem}>`).join("");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined && child !== null)
      .map(([name, child]) => `<${name}>${toXml(child, listItem)}</${name}>`)
      .join("");
  }
  return escapeXml(String(value));
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let requestCounter = 0;
export function newRequestId(): string {
  requestCounter += 1;
  const hex = requestCounter.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

/** A successful answer: `body` is the JSON document, or for Query/EC2 the content of the result element. */
export function successAnswer(service: StubService, operation: string, body: unknown, status = 200): HttpAnswer {
  const requestId = newRequestId();
  switch (PROTOCOL_OF[service]) {
    case "rest-json":
      return {
        status,
        headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
        body: body === undefined ? "" : JSON.stringify(body),
      };
    case "json-1.1":
      return {
        status,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify(body ?? {}),
      };
    case "query": {
      const ns = XML_NAMESPACE[service as "iam" | "sts"];
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${ns}">` +
        `<${operation}Result>${toXml(body, "member")}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
      return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body: xml };
    }
    case "ec2-query": {
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${XML_NAMESPACE.ec2}">` +
        `<requestId>${requestId}</requestId>${toXml(body, "item")}</${operation}Response>`;
      return { status, headers: { "content-type": "text/xml;charset=UTF-8" }, body: xml };
    }
  }
}

export function errorAnswer(service: StubService, error: AwsError): HttpAnswer {
  const requestId = newRequestId();
  switch (PROTOCOL_OF[service]) {
    case "rest-json": {
      // Lambda capitalises Message and adds Type; API Gateway answers {"message": ...}.
      const body =
        service === "lambda"
          ? { Type: error.status >= 500 ? "Service" : "User", Message: error.message, ...error.fields }
          : { message: error.message, ...error.fields };
      return {
        status: error.status,
        headers: {
          "content-type": "application/json",
          "x-amzn-errortype": error.code,
          "x-amzn-requestid": requestId,
        },
        body: JSON.stringify(body),
      };
    }
    case "json-1.1":
      return {
        status: error.status,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify({ __type: error.code, message: error.message, ...error.fields }),
      };
    case "query": {
      const type = error.status >= 500 ? "Receiver" : "Sender";
      const ns = XML_NAMESPACE[service as "iam" | "sts"];
      return {
        status: error.status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type>` +
          `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    }
    case "ec2-query":
      return {
        status: error.status,
        headers: { "content-type": "text/xml;charset=UTF-8" },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>` +
          `<Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
  }
}

/** The service's own answer to a call over its rate (DESIGN section 9; see faults.ts). */
export function throttlingError(service: StubService): AwsError {
  switch (service) {
    case "lambda":
      return new AwsError("TooManyRequestsException", "Rate exceeded", 429, {
        Reason: "CallerRateLimitExceeded",
        retryAfterSeconds: "1",
      });
    case "apigateway":
    case "apigatewayv2":
      return new AwsError("TooManyRequestsException", "Too Many Requests", 429);
    case "guardduty":
    case "inspector2":
      return new AwsError("ThrottlingException", "Rate exceeded", 429);
    case "cloudtrail":
      return new AwsError("ThrottlingException", "Rate exceeded", 400);
    case "iam":
    case "sts":
      return new AwsError("Throttling", "Rate exceeded", 400);
    case "logs":
      return new AwsError("ThrottlingException", "Rate exceeded", 400);
    case "ec2":
      return new AwsError("RequestLimitExceeded", "Request limit exceeded.", 503);
    case "organizations":
      return new AwsError("TooManyRequestsException", "You have sent too many requests in too short a period of time.", 400);
  }
}

export function serverError(service: StubService): AwsError {
  switch (service) {
    case "lambda":
      return new AwsError("ServiceException", "An internal error occurred.", 500);
    case "apigateway":
    case "apigatewayv2":
    case "sts":
      return new AwsError("InternalFailure", "The request processing has failed because of an unknown error.", 500);
    case "iam":
      return new AwsError("ServiceFailure", "The request processing has failed because of an unknown error.", 500);
    case "logs":
      return new AwsError("ServiceUnavailableException", "The service cannot complete the request.", 500);
    case "ec2":
      return new AwsError("InternalError", "An internal error has occurred.", 500);
    case "organizations":
      return new AwsError("ServiceException", "AWS Organizations can't complete your request because of an internal service error.", 500);
    case "cloudtrail":
    case "inspector2":
      return new AwsError("InternalServerException", "An internal error occurred.", 500);
    case "guardduty":
      return new AwsError("InternalServerErrorException", "The request failed because of an internal error.", 500);
  }
}

export function accessDeniedError(
  service: StubService,
  operation: string,
  callerArn: string,
  resource: string | null,
): AwsError {
  const action = `${service === "apigatewayv2" ? "apigateway" : service}:${operation}`;
  const message =
    `User: ${callerArn} is not authorized to perform: ${action}` +
    (resource ? ` on resource: ${resource}` : "") +
    ` because no identity-based policy allows the ${action} action`;
  switch (service) {
    case "lambda":
    case "apigateway":
    case "apigatewayv2":
    case "guardduty":
    case "inspector2":
      return new AwsError("AccessDeniedException", message, 403);
    case "logs":
    case "organizations":
    case "cloudtrail":
      return new AwsError("AccessDeniedException", message, 400);
    case "iam":
    case "sts":
      return new AwsError("AccessDenied", message, 403);
    case "ec2":
      return new AwsError("UnauthorizedOperation", "You are not authorized to perform this operation.", 403);
  }
}

/** What AWS answers for a region the account has not enabled (the token is not valid there). */
export function regionNotEnabledError(service: StubService): AwsError {
  switch (service) {
    case "ec2":
      return new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
    case "logs":
      return new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);
    case "iam":
    case "sts":
      return new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    default:
      return new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 403);
  }
}

/** Opaque pagination tokens, as AWS's are: the offset, base64-encoded with a prefix. */
export function encodeToken(offset: number): string {
  return Buffer.from(`stub:${offset}`, "utf8").toString("base64");
}

export function decodeToken(token: string | undefined | null, service: StubService): number {
  if (token === undefined || token === null || token === "") return 0;
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const match = /^stub:(\d+)$/.exec(decoded);
  if (!match) {
    throw service === "iam"
      ? new AwsError("InvalidInput", "Invalid Marker.", 400)
      : service === "logs"
        ? new AwsError("InvalidParameterException", "The specified nextToken is invalid.", 400)
        : service === "lambda"
          ? new AwsError("InvalidParameterValueException", "Invalid marker.", 400)
          : new AwsError("BadRequestException", "Invalid pagination token.", 400);
  }
  return Number(match[1]);
}

/** One page of `items` from a token and a page size, with the token of the next page (if any). */
export function page<T>(
  items: readonly T[],
  token: string | undefined | null,
  size: number,
  service: StubService,
): { items: T[]; next: string | undefined } {
  const offset = decodeToken(token, service);
  const slice = items.slice(offset, offset + size);
  const end = offset + slice.length;
  return { items: slice, next: end < items.length ? encodeToken(end) : undefined };
}

/** `prefix.1`, `prefix.2`, ... of a Query request, in order. */
export function queryList(params: URLSearchParams, prefix: string): string[] {
  const entries: [number, string][] = [];
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)$`);
  for (const [key, value] of params) {
    const match = pattern.exec(key);
    if (match) entries.push([Number(match[1]), value]);
  }
  return entries.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** EC2 `Filter.N.Name` / `Filter.N.Value.M`. */
export function queryFilters(params: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const [key, value] of params) {
    const match = /^Filter\.(\d+)\.Name$/.exec(key);
    if (match) filters.set(value, queryList(params, `Filter.${match[1]}.Value`));
  }
  return filters;
}

/** Seconds since the epoch, as REST-JSON and JSON 1.1 timestamps are sent. */
export function epochSeconds(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
