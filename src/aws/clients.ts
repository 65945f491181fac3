import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { IAMClient } from "@aws-sdk/client-iam";
import { Inspector2Client } from "@aws-sdk/client-inspector2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { setMaxListeners } from "node:events";
import type { ServicePrefix } from "./allow-list.js";
import { limitAnswerBodyTime } from "./answer-time-limit.js";
import { classifyAwsError } from "./errors.js";
import { addMiddleware, addReadOnlyGuard, operationOfCommandName, type MiddlewareStackOwner } from "./guard.js";

/** Static credentials, or a provider of them (the SDK's AwsCredentialIdentity / provider shape). */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialsProvider = () => Promise<StaticCredentials>;

export interface AttemptEvent {
  service: ServicePrefix;
  operation: string;
  region: string;
  /** The attempt failed with a throttling error (the SDK may retry it). */
  throttled: boolean;
  errorCode?: string;
}

export interface AwsClientOptions {
  /** Shared config / credentials profile (`--profile`); otherwise the SDK's default credential chain. */
  profile?: string;
  /** `--role-arn`: every client uses temporary credentials of this role, obtained with STS AssumeRole. */
  roleArn?: string;
  /** `--external-id` for the AssumeRole call. */
  externalId?: string;
  /** Role session name (default `lambda-posture`): shows in the scanned account's CloudTrail. */
  sessionName?: string;
  /** AssumeRole DurationSeconds (900 up to the role's maximum; AWS's default is 3,600). */
  sessionDurationSeconds?: number;
  /** Explicit credentials, bypassing the chain (tests, embedding). */
  credentials?: StaticCredentials | CredentialsProvider;
  /** SDK attempts per request including the first (default 5); retry mode is always adaptive. */
  maxAttempts?: number;
  /** Time allowed to open a connection, ms (default DEFAULT_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Time allowed for one request from sending to the end of the answer, ms (default DEFAULT_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Region for global services (IAM, STS) and AssumeRole; defaults to the first scanned region. */
  homeRegion?: string;
  /** Replaces the SDK's HTTP handler: tests only. Endpoints stay the SDK's (AWS_ENDPOINT_URL*). */
  requestHandler?: unknown;
  /** Called for every HTTP attempt (retries included): how the stats count throttles. */
  onAttempt?: (event: AttemptEvent) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
/**
 * AWS's regional endpoints accept a connection in well under a second from anywhere in the same
 * partition; 5 s leaves room for a congested NAT or proxy and still fails a blackholed endpoint fast.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * The reads the scanner makes answer in tens to hundreds of milliseconds (a 50-function ListFunctions
 * page, a 10,000-entry code signing page); 30 s is far beyond that, and bounds an endpoint that
 * accepts a request and never answers, or drips bytes, to 30 s per attempt.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The SDK's retry back-off between attempts stays under this (adaptive mode, a few attempts). */
const MAX_BACKOFF_MS = 2_000;

/** A read's abort signal, and `release()` to call once the read is over (it clears the timer and the listener). */
export interface ReadSignal {
  signal: AbortSignal;
  release(): void;
}

/**
 * A signal that aborts a read when `stop` aborts or when `budgetMs` has passed, whichever comes first.
 * Built from a controller and a timer this module holds, not from AbortSignal.any over
 * AbortSignal.timeout: Node keeps only weak references to those, and a read of a body that drips
 * bytes forever was seen to outlive its budget when the timeout signal had been collected (the drip
 * test timed out at 60 s instead of ending in 7 s, twice, in a busy test worker). The timer is unref'd:
 * the read in flight keeps the process alive, the budget alone does not.
 */
export function readSignal(stop: AbortSignal, budgetMs: number): ReadSignal {
  const controller = new AbortController();
  // Every read in flight listens to the one stop signal (dozens at once, each removed when its read
  // ends): not the leak Node's default limit of 10 listeners warns about.
  setMaxListeners(0, stop);
  const onStop = () => controller.abort(stop.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no complete answer within ${budgetMs} ms`, "TimeoutError")), budgetMs);
  timer.unref();
  if (stop.aborted) onStop();
  else stop.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", onStop);
    },
  };
}

/**
 * `sent`, or a rejection with the signal's reason as soon as `signal` aborts. The collection sends
 * without options so that the SDK's cached middleware applies, and stops waiting this way instead; the
 * request abandoned is bounded by its own timeouts and closed when the clients are destroyed.
 */
export function untilAborted<T>(sent: PromiseLike<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(sent).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Runs `read` with a read signal, released whatever the outcome. */
export async function withReadSignal<T>(stop: AbortSignal, budgetMs: number, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { signal, release } = readSignal(stop, budgetMs);
  try {
    return await read(signal);
  } finally {
    release();
  }
}
const DEFAULT_SESSION_NAME = "lambda-posture";
/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

type ClientConfig = Record<string, unknown>;

/**
 * One client per service and region, all with the read-only guard, adaptive retries and the same
 * credentials. Endpoints are never set here: the SDK reads AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_<SERVICE> itself, which is how the scanner is pointed at an emulator.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export class AwsClients {
  private readonly cache = new Map<string, unknown>();
  private readonly options: AwsClientOptions;
  /** The caller's own credentials: one provider for every client, so a profile's role assumption, SSO or web identity runs once. */
  private readonly baseCredentials: StaticCredentials | CredentialsProvider;
  /** What the scan reads with: the caller's credentials, or the assumed `--role-arn`. */
  private readonly credentials: StaticCredentials | CredentialsProvider;
  /** One HTTP handler (with its timeouts and connection pool) for every client. */
  private readonly requestHandler: unknown;
  readonly homeRegion: string;

  constructor(options: AwsClientOptions & { homeRegion: string }) {
    this.options = options;
    this.homeRegion = options.homeRegion;
    this.baseCredentials = options.credentials ?? defaultProvider(options.profile ? { profile: options.profile } : {});
    this.credentials = options.roleArn ? this.assumeRoleProvider(options.roleArn) : this.baseCredentials;
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.requestHandler =
      options.requestHandler ??
      limitAnswerBodyTime(
        new NodeHttpHandler({
          connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          requestTimeout: requestTimeoutMs,
          // Without it the SDK only logs a warning when the request timeout passes and keeps waiting.
          throwOnRequestTimeout: true,
        }),
        requestTimeoutMs,
      );
  }

  /** The caller's own credentials (before any `roleArn`): shared by an organisation scan's accounts, so the chain runs once. */
  get callerCredentials(): StaticCredentials | CredentialsProvider {
    return this.baseCredentials;
  }

  /**
   * The longest one read may take, retries included: every attempt's connection and request time,
   * plus back-off. The request timeout stops waiting for an answer's headers; this bounds the whole
   * read, body included (an endpoint that sends headers, then drips the body, is stopped by it).
   */
  get readBudgetMs(): number {
    const attempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    return attempts * ((this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + (this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) + MAX_BACKOFF_MS);
  }

  private baseConfig(region: string, useRoleCredentials: boolean): ClientConfig {
    return {
      region,
      retryMode: "adaptive",
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      credentials: useRoleCredentials ? this.credentials : this.baseCredentials,
      requestHandler: this.requestHandler,
      // The middleware stack is resolved once per command class instead of on every request (about
      // 0.2 ms of CPU a request, a sixth of what the SDK costs per call; see docs/performance.md). It
      // applies to sends without options: the collection's reads (collect/context.ts) pass none.
      cacheMiddleware: true,
    };
  }

  private build<T extends MiddlewareStackOwner>(
    service: ServicePrefix,
    region: string,
    create: (config: ClientConfig) => T,
    useRoleCredentials = true,
  ): T {
    const key = `${service}@${region}${useRoleCredentials ? "" : "#base"}`;
    const existing = this.cache.get(key);
    if (existing) return existing as T;
    const client = create(this.baseConfig(region, useRoleCredentials));
    addReadOnlyGuard(client, service);
    this.observeAttempts(client, service, region);
    this.cache.set(key, client);
    return client;
  }

  /** Reports each HTTP attempt; in the deserialize step, which runs inside the retry loop. */
  private observeAttempts(client: MiddlewareStackOwner, service: ServicePrefix, region: string): void {
    const onAttempt = this.options.onAttempt;
    if (!onAttempt) return;
    addMiddleware(
      client,
      (next, context) => async (args) => {
        const operation = operationOfCommandName(context.commandName ?? "");
        try {
          const output = await next(args);
          onAttempt({ service, operation, region, throttled: false });
          return output;
        } catch (error) {
          const classified = classifyAwsError(error);
          onAttempt({ service, operation, region, throttled: classified.kind === "throttled", errorCode: classified.code });
          throw error;
        }
      },
      { step: "deserialize", priority: "high", name: "lambdaPostureAttemptObserver", override: true },
    );
  }

  /**
   * Temporary credentials of `roleArn`, refreshed before they expire; concurrent callers share one
   * AssumeRole call. The STS client that assumes the role uses the caller's own credentials.
   */
  private assumeRoleProvider(roleArn: string): CredentialsProvider {
    let current: StaticCredentials | undefined;
    let pending: Promise<StaticCredentials> | undefined;
    const fetch = async (): Promise<StaticCredentials> => {
      const sts = this.build("sts", this.homeRegion, (config) => new STSClient(config), false);
      const output = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: this.options.sessionName ?? DEFAULT_SESSION_NAME,
          ...(this.options.externalId ? { ExternalId: this.options.externalId } : {}),
          ...(this.options.sessionDurationSeconds ? { DurationSeconds: this.options.sessionDurationSeconds } : {}),
        }),
      );
      const credentials = output.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
        throw Object.assign(new Error(`AssumeRole of ${roleArn} returned no credentials`), {
          name: "CredentialsProviderError",
        });
      }
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
        ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
      };
    };
    return async () => {
      if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) {
        return current;
      }
      pending ??= fetch().then(
        (credentials) => {
          current = credentials;
          pending = undefined;
          return credentials;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    };
  }

  lambda(region: string): LambdaClient {
    return this.build("lambda", region, (config) => new LambdaClient(config));
  }
  iam(): IAMClient {
    // IAM is global; any region of the partition resolves to its global endpoint.
    return this.build("iam", this.homeRegion, (config) => new IAMClient(config));
  }
  apiGateway(region: string): APIGatewayClient {
    return this.build("apigateway", region, (config) => new APIGatewayClient(config));
  }
  apiGatewayV2(region: string): ApiGatewayV2Client {
    return this.build("apigatewayv2", region, (config) => new ApiGatewayV2Client(config));
  }
  logs(region: string): CloudWatchLogsClient {
    return this.build("logs", region, (config) => new CloudWatchLogsClient(config));
  }
  ec2(region: string): EC2Client {
    return this.build("ec2", region, (config) => new EC2Client(config));
  }
  cloudTrail(region: string): CloudTrailClient {
    return this.build("cloudtrail", region, (config) => new CloudTrailClient(config));
  }
  guardDuty(region: string): GuardDutyClient {
    return this.build("guardduty", region, (config) => new GuardDutyClient(config));
  }
  inspector2(region: string): Inspector2Client {
    return this.build("inspector2", region, (config) => new Inspector2Client(config));
  }
  organizations(): OrganizationsClient {
    // Organizations is global, served from us-east-1 in the aws partition; the SDK resolves it.
    return this.build("organizations", this.homeRegion, (config) => new OrganizationsClient(config));
  }
  sts(region = this.homeRegion): STSClient {
    return this.build("sts", region, (config) => new STSClient(config));
  }

  /** Closes every client's connections (the CLI calls it when the scan ends). */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy?: () => void }).destroy?.();
    (this.requestHandler as { destroy?: () => void }).destroy?.();
    this.cache.clear();
  }
}
