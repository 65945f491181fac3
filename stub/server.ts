import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StubAccount } from "./account.js";
import { accountCallStats, type AccountCallStats } from "./account-stats.js";
import { apiGatewayHandlers } from "./apigateway.js";
import { apiGatewayV2Handlers } from "./apigatewayv2.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { cloudTrailHandlers, guardDutyHandlers, inspector2Handlers } from "./detective.js";
import { FaultInjector, type FaultKind, type FaultRule } from "./faults.js";
import { iamHandlers } from "./iam.js";
import { lambdaHandlers } from "./lambda.js";
import { logsHandlers } from "./logs.js";
import { AccountDirectory } from "./organization-accounts.js";
import { organizationsHandlers } from "./organizations.js";
import {
  accessDeniedError,
  AwsError,
  errorAnswer,
  parseCredentialScope,
  regionNotEnabledError,
  serverError,
  successAnswer,
  throttlingError,
  type CredentialScope,
  type HttpAnswer,
  type StubService,
} from "./protocol.js";
import { bucketsFor, DEFAULT_QUOTAS, TokenBucket, type CallsByRegion, type QuotaSettings } from "./quotas.js";
import { createRandom } from "./random.js";
import { matchRestRoute, restServiceOfPath } from "./routes.js";
import { ec2Handlers, stsHandlers } from "./sts-ec2.js";

/**
 * A loopback AWS for end-to-end tests and the benchmark: one HTTP server on 127.0.0.1 that speaks the
 * wire protocols of the SDK v3 clients the collectors use, serving an account described as data.
 * The scanner reaches it only through AWS_ENDPOINT_URL; every service shares that one endpoint, so
 * the stub tells them apart by protocol: the X-Amz-Target header (JSON 1.1), the form `Action` and the
 * signing service of the credential scope (Query), and the path (REST). The region is always the one
 * of the credential scope (`Credential=AKID/date/REGION/SERVICE/aws4_request`).
 */

export interface StubOptions {
  /** The caller's starting account: static credentials act as it. */
  account: StubAccount;
  /**
   * The other accounts of the organisation (stub/organization-accounts.ts). Credentials from AssumeRole
   * of a role in one of them act as that account: its data, its quota buckets, its statistics.
   */
  members?: StubAccount[];
  /** AWS's quotas as token buckets (DESIGN section 9); `false` turns enforcement off. */
  quotas?: Partial<QuotaSettings> | false;
  faults?: FaultRule[];
  /** Seed of the PRNG that draws probabilistic faults. */
  seed?: number;
  /** Added to every answer, as the network and AWS add it. Default 0. */
  latencyMs?: number;
  /** Clock for the token buckets, in ms; tests freeze it to count throttles deterministically. */
  now?: () => number;
  /** IAM's default MaxItems (100 in AWS); smaller values exercise Marker pagination. */
  iamPageSize?: number;
  /** Keep one record per call (default true). */
  recordCalls?: boolean;
  /** Answer as an AWS emulator does (see EmulatorMode); off by default. */
  emulator?: EmulatorMode;
}

/**
 * Emulator mode: the stub behaves like an AWS emulator (LocalStack, Moto) that lacks some operations
 * and some of AWS's newer fields, so that the scanner's handling of them is tested end to end.
 * - `unimplemented`: `service:Operation`s answered as the emulator answers an operation it does not
 *   implement (so is every operation the stub does not serve while emulator mode is on);
 * - `answer`: how. `json-501` is LocalStack's: HTTP 501 with a JSON body `{"__type": "InternalFailure",
 *   "message": "API action '...' for service '...' not yet implemented or pro feature ..."}`;
 *   `html-404` is an HTML "404 Not Found" page, as a server without the route answers;
 * - `omitLoggingConfig`: function configurations come without LoggingConfig (default true).
 */
export interface EmulatorMode {
  unimplemented?: readonly string[];
  answer?: "json-501" | "html-404";
  omitLoggingConfig?: boolean;
}

/** Operations emulator mode leaves unimplemented unless told otherwise: the region-level code signing listing. */
export const DEFAULT_EMULATOR_UNIMPLEMENTED: readonly string[] = ["lambda:ListCodeSigningConfigs"];

function emulatorAnswer(mode: EmulatorMode, service: StubService, operation: string): HttpAnswer {
  if (mode.answer === "html-404") {
    const body = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on the server.</p></body></html>\n";
    return { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body };
  }
  const message = `API action '${operation}' for service '${service}' not yet implemented or pro feature - please check https://docs.localstack.cloud/references/coverage/ for further information`;
  return {
    status: 501,
    headers: { "content-type": "application/json", "x-amzn-errortype": "InternalFailure" },
    body: JSON.stringify({ __type: "InternalFailure", message }),
  };
}

export type CallOutcome = "ok" | "error" | "throttled" | `fault:${Exclude<FaultKind, "slow">}` | "unknown" | "unimplemented";

export interface CallRecord {
  service: string;
  operation: string;
  region: string;
  resource: string | null;
  status: number;
  outcome: CallOutcome;
  /** AWS error code of the answer, when it was an error. */
  errorCode?: string;
  /** The account the call acted as. */
  accountId: string;
}

export interface StubStats {
  /** Every request received. */
  total: number;
  /** Requests by `service:Operation`, every attempt counted. */
  calls: Record<string, number>;
  /** Requests that passed the quotas (drew tokens), by signing region and operation: the floor's input. */
  servedByRegion: CallsByRegion;
  /** Distinct `service:Operation` names received, sorted. */
  operations: string[];
  /** Throttling answers because a quota bucket was empty, by operation. */
  throttled: Record<string, number>;
  /** Injected faults by kind and operation. */
  injected: Record<string, Record<string, number>>;
  /** AWS error answers from the account's data (not found, invalid input), by `operation code`. */
  errors: Record<string, number>;
  /** Requests the stub could not name (method and path, or Action/Target). */
  unknown: string[];
  /** Named operations the stub does not serve (a mutating call, say). */
  unimplemented: string[];
  /** The same counts by the account each call acted as (stub/account-stats.ts organizationFloor). */
  byAccount: Record<string, AccountCallStats>;
  records: CallRecord[];
}

export interface Stub {
  url: string;
  port: number;
  stats(): StubStats;
  resetStats(): void;
  setFaults(rules: FaultRule[]): void;
  setAccount(account: StubAccount): void;
  close(): Promise<void>;
}

const SERVICE_HANDLERS: Record<StubService, ServiceHandlers> = {
  lambda: lambdaHandlers,
  apigateway: apiGatewayHandlers,
  apigatewayv2: apiGatewayV2Handlers,
  logs: logsHandlers,
  iam: iamHandlers,
  sts: stsHandlers,
  ec2: ec2Handlers,
  organizations: organizationsHandlers,
  cloudtrail: cloudTrailHandlers,
  guardduty: guardDutyHandlers,
  inspector2: inspector2Handlers,
};

/** Every `service:Operation` the stub serves. */
export function servedOperations(): string[] {
  return Object.values(SERVICE_HANDLERS).flatMap((entry) => Object.keys(entry.handlers).map((operation) => `${entry.service}:${operation}`));
}

const JSON_TARGET_PREFIXES: Record<string, StubService> = {
  Logs_20140328: "logs",
  AWSOrganizationsV20161128: "organizations",
  CloudTrail_20131101: "cloudtrail",
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
};

/** Services that are global or answer in every region. */
const REGIONLESS: ReadonlySet<StubService> = new Set(["iam", "sts", "organizations"]);

interface Identified {
  service: StubService;
  operation: string;
  labels: Record<string, string>;
  params: URLSearchParams;
  json: Record<string, unknown>;
}

type Identification = { ok: true; call: Identified } | { ok: false; service: StubService | null; description: string };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function serviceOfQueryAction(action: string, scope: CredentialScope | null): StubService {
  if (scope?.service === "iam" || scope?.service === "sts" || scope?.service === "ec2") return scope.service;
  if (action === "GetCallerIdentity" || action === "AssumeRole") return "sts";
  return action.startsWith("Describe") ? "ec2" : "iam";
}

function identify(request: IncomingMessage, url: URL, body: string, scope: CredentialScope | null): Identification {
  const method = request.method ?? "GET";
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") {
    const dot = target.lastIndexOf(".");
    const prefix = target.slice(0, Math.max(0, dot));
    const operation = target.slice(dot + 1);
    const service = JSON_TARGET_PREFIXES[prefix];
    if (!service) return { ok: false, service: null, description: `X-Amz-Target ${target}` };
    let json: Record<string, unknown> = {};
    try {
      json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return { ok: false, service, description: `X-Amz-Target ${target} with a body that is not JSON` };
    }
    return { ok: true, call: { service, operation, labels: {}, params: new URLSearchParams(), json } };
  }
  const contentType = String(request.headers["content-type"] ?? "");
  if (method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(body);
    const action = params.get("Action");
    if (!action) return { ok: false, service: null, description: `POST ${url.pathname} form without Action` };
    return { ok: true, call: { service: serviceOfQueryAction(action, scope), operation: action, labels: {}, params, json: {} } };
  }
  const segments = url.pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => decodeURIComponent(segment));
  const match = matchRestRoute(method, segments, url.searchParams);
  if (!match) {
    return { ok: false, service: restServiceOfPath(segments), description: `${method} ${url.pathname}` };
  }
  let json: Record<string, unknown> = {};
  if (body && contentType.includes("json")) {
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { ok: false, service: match.route.service, description: `${method} ${url.pathname} with a body that is not JSON` };
    }
  }
  return {
    ok: true,
    call: { service: match.route.service, operation: match.route.operation, labels: match.labels, params: url.searchParams, json },
  };
}

function emptyStats(): StubStats {
  return {
    total: 0,
    calls: {},
    servedByRegion: {},
    operations: [],
    throttled: {},
    injected: {},
    errors: {},
    unknown: [],
    unimplemented: [],
    byAccount: {},
    records: [],
  };
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export async function startStub(options: StubOptions): Promise<Stub> {
  const directory = new AccountDirectory(options.account, options.members ?? []);
  const now = options.now ?? (() => performance.now());
  const quotas: QuotaSettings | null = options.quotas === false ? null : { ...DEFAULT_QUOTAS, ...options.quotas };
  const faults = new FaultInjector(options.faults ?? [], createRandom(options.seed ?? 1));
  const buckets = new Map<string, TokenBucket>();
  const recordCalls = options.recordCalls ?? true;
  let stats = emptyStats();
  const operationNames = new Set<string>();

  // AWS's quotas are per account: each account the stub serves has its own buckets.
  const bucketFor = (spec: ReturnType<typeof bucketsFor>[number], region: string, accountId: string): TokenBucket => {
    const key = `${accountId}/${spec.name}@${spec.scope === "region" ? region : "account"}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(spec, now);
      buckets.set(key, bucket);
    }
    return bucket;
  };

  const record = (entry: CallRecord) => {
    if (recordCalls) stats.records.push(entry);
  };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const scope = parseCredentialScope(request.headers.authorization);
    stats.total += 1;
    const identified = identify(request, url, body, scope);
    const region = scope?.region ?? "us-east-1";
    const accessKeyId = scope?.accessKeyId ?? "";
    const acting = directory.actingAs(accessKeyId);
    const { index } = acting;
    const accountId = index.account.accountId;
    const perAccount = accountCallStats(stats.byAccount, accountId);
    perAccount.total += 1;

    const send = (reply: HttpAnswer, delayMs: number) => {
      const write = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
        response.end(reply.body);
      };
      const delay = delayMs + (options.latencyMs ?? 0);
      if (delay > 0) setTimeout(write, delay);
      else write();
    };

    if (!identified.ok) {
      stats.unknown.push(identified.description);
      const service = identified.service ?? "lambda";
      record({ service, operation: "?", region, resource: null, status: 400, outcome: "unknown", accountId });
      const error =
        identified.service === null || identified.service === "iam" || identified.service === "sts"
          ? new AwsError("InvalidAction", `Unknown operation: ${identified.description}`, 400)
          : new AwsError("UnknownOperationException", `Unknown operation: ${identified.description}`, 404);
      send(errorAnswer(service, error), 0);
      return;
    }

    const { service, operation } = identified.call;
    const id = `${service}:${operation}`;
    increment(stats.calls, id);
    increment(perAccount.calls, id);
    operationNames.add(id);
    const ctx: CallContext = {
      index,
      service,
      operation,
      region,
      labels: identified.call.labels,
      params: identified.call.params,
      json: identified.call.json,
      accessKeyId,
      callerArn: acting.callerArn,
      settings: { iamPageSize: options.iamPageSize ?? 100, omitLoggingConfig: options.emulator ? (options.emulator.omitLoggingConfig ?? true) : false },
      accountById: (id) => directory.account(id),
      issueCredentials: (roleArn, sessionName) => directory.issue(roleArn, sessionName),
    };
    const handlers = SERVICE_HANDLERS[service];
    const resource = handlers.resourceOf?.(ctx) ?? null;
    const base = { service, operation, region, resource, accountId };

    if (!scope) {
      const error = new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
      record({ ...base, status: 403, outcome: "error", errorCode: error.code });
      increment(stats.errors, `${id} ${error.code}`);
      increment(perAccount.errors, `${id} ${error.code}`);
      send(errorAnswer(service, error), 0);
      return;
    }
    if (!REGIONLESS.has(service) && !index.account.regions.includes(region)) {
      const error = regionNotEnabledError(service);
      record({ ...base, status: error.status, outcome: "error", errorCode: error.code });
      increment(stats.errors, `${id} ${error.code}`);
      increment(perAccount.errors, `${id} ${error.code}`);
      send(errorAnswer(service, error), 0);
      return;
    }

    const decision = faults.decide(base);
    if (decision.delayMs > 0) increment((stats.injected.slow ??= {}), id);
    if (decision.fault) {
      const kind = decision.fault;
      const injected = (stats.injected[kind] ??= {});
      increment(injected, id);
      if (kind === "drop") {
        record({ ...base, status: 0, outcome: "fault:drop" });
        const drop = () => request.socket.destroy();
        if (decision.delayMs > 0) setTimeout(drop, decision.delayMs);
        else drop();
        return;
      }
      const error =
        kind === "throttle"
          ? throttlingError(service)
          : kind === "server-error"
            ? serverError(service)
            : accessDeniedError(service, operation, ctx.callerArn, resource);
      record({ ...base, status: error.status, outcome: `fault:${kind}`, errorCode: error.code });
      send(errorAnswer(service, error), decision.delayMs);
      return;
    }

    if (quotas) {
      const drawn = bucketsFor(service, operation, quotas).map((spec) => bucketFor(spec, region, accountId));
      if (!drawn.every((bucket) => bucket.available())) {
        increment(stats.throttled, id);
        increment(perAccount.throttled, id);
        const error = throttlingError(service);
        record({ ...base, status: error.status, outcome: "throttled", errorCode: error.code });
        send(errorAnswer(service, error), decision.delayMs);
        return;
      }
      for (const bucket of drawn) bucket.take();
    }
    increment((stats.servedByRegion[region] ??= {}), id);
    increment((perAccount.servedByRegion[region] ??= {}), id);

    const handler = handlers.handlers[operation];
    const emulator = options.emulator;
    if (emulator && (!handler || (emulator.unimplemented ?? DEFAULT_EMULATOR_UNIMPLEMENTED).includes(id))) {
      stats.unimplemented.push(id);
      const reply = emulatorAnswer(emulator, service, operation);
      record({ ...base, status: reply.status, outcome: "unimplemented" });
      send(reply, decision.delayMs);
      return;
    }
    if (!handler) {
      stats.unimplemented.push(id);
      const error = new AwsError("StubNotImplemented", `The loopback stub does not serve ${id}`, 400);
      record({ ...base, status: 400, outcome: "unimplemented", errorCode: error.code });
      send(errorAnswer(service, error), decision.delayMs);
      return;
    }
    try {
      const result = handler(ctx);
      record({ ...base, status: 200, outcome: "ok" });
      send(successAnswer(service, operation, result), decision.delayMs);
    } catch (caught) {
      if (!(caught instanceof AwsError)) throw caught;
      increment(stats.errors, `${id} ${caught.code}`);
      increment(perAccount.errors, `${id} ${caught.code}`);
      record({ ...base, status: caught.status, outcome: "error", errorCode: caught.code });
      send(errorAnswer(service, caught), decision.delayMs);
    }
  }

  const server: Server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      // A bug in the stub: answer 500 with the stack so that the failing test shows it.
      if (!response.headersSent) {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
    });
  });
  // Longer than the SDK's keep-alive reuse, so that the stub never closes a socket the client is about to use.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats, operations: [...operationNames].sort() }),
    resetStats: () => {
      stats = emptyStats();
      operationNames.clear();
    },
    setFaults: (rules) => faults.setRules(rules),
    setAccount: (account) => directory.setStarting(account),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
