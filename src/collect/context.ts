import pLimit, { type LimitFunction } from "p-limit";
import type { ServicePrefix } from "../aws/allow-list.js";
import type { AwsClients } from "../aws/clients.js";
import { classifyAwsError, isOperationUnavailable, type ClassifiedAwsError } from "../aws/errors.js";
import { assertAllowedCommand } from "../aws/guard.js";
import type { Clock, RateScheduler } from "../aws/rate.js";
import type { Gap, Note } from "../snapshot/schema.js";
import { expandRequiredOperations } from "./operations.js";
import { CollectionStop, UnreachableEndpoints } from "./stop.js";
import { readSignal, untilAborted } from "../aws/clients.js";
import { formatDuration } from "../text/duration.js";

/** What the CLI renders while collecting. Never carries a value read from AWS other than counts and names. */
export interface CollectProgressEvent {
  kind: "account" | "regionStarted" | "functionsListed" | "functionCollected" | "regionFinished" | "gap" | "calls";
  region?: string;
  /** `account` events: the scanned account, printed before collection starts. */
  accountId?: string;
  /** `gap` events: which read failed and why (the code, not the message). */
  gap?: { service: string; operation: string; errorCode: string };
  regionsTotal: number;
  regionsDone: number;
  functionsListed: number;
  functionsCollected: number;
  calls: number;
  gaps: number;
}

export interface CollectStats {
  /** Requests sent by `service:Operation`, SDK retries included. */
  calls: Record<string, number>;
  totalCalls: number;
  /** Requests AWS throttled, by operation (retried by the SDK, or a gap when the retries ran out). */
  throttles: Record<string, number>;
  totalThrottles: number;
  /** Gaps recorded, by operation. */
  gaps: Record<string, number>;
  totalGaps: number;
  durations: {
    totalMs: number;
    /** Wall time of each region's collection (regions run in parallel). */
    byRegion: Record<string, number>;
    /** Wall time from the first to the last IAM read. */
    iamMs: number;
  };
  /** Time requests waited for a rate token, by quota bucket: the pacing that replaced throttling. */
  waitedMs: Record<string, number>;
  functions: number;
  roles: number;
  managedPolicies: number;
  /** Reads not made: the collection stopped early (deadline, signal), or their endpoint stopped answering. */
  notSent: { stopped: number; unreachable: number };
}

/**
 * The one method of an SDK v3 client the collectors use. Any service's client fits; the command is
 * checked against the allow-list for `target.service` before it is handed to `send`.
 */
export interface CommandSender {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * What `client.send(command)` resolves to, read from the command's type (an SDK command resolves to
 * a handler whose `output` is the operation's output), so call sites get typed answers without
 * naming output types.
 */
export type CommandOutput<C> = C extends { resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }> }
  ? O
  : never;

export type CallOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: ClassifiedAwsError; notFound: boolean; /** The operation is not available here (see CallOptions.unavailable). */ unavailable?: boolean };

export interface CallTarget {
  service: ServicePrefix;
  /** Region, or `global` for IAM. */
  region: string;
  resourceArn?: string;
}

export interface CallOptions {
  /**
   * `none` (default): a not-found answer means "there is none" (GetPolicy on a function without a
   * policy): no gap, the caller stores null. `gap`: not found is a failure like any other.
   */
  notFound?: "none" | "gap";
  /**
   * `gap` (default): an endpoint that does not offer the operation is a failure like any other.
   * `fallback`: the caller has a slower way to read the same data (isOperationUnavailable): no gap is
   * recorded, the outcome says `unavailable`, and the caller records a note when it takes that way.
   */
  unavailable?: "gap" | "fallback";
}

/** How `paginate` walks a list: where the next token is, and what to do with each page. */
export interface PageHandlers<O> extends CallOptions {
  nextToken: (output: O) => string | undefined;
  onPage: (output: O) => void | Promise<void>;
}

export type PageStatus = "complete" | "partial" | "failed" | "notFound" | "unavailable";
export interface PageResult {
  status: PageStatus;
  /** The error that ended the listing early, if any. */
  error?: ClassifiedAwsError;
}

/** Whether any of a list's requests was answered: none made, or every one failed, is "not read". */
export function anyAnswered(results: readonly PageResult[]): boolean {
  return results.some((result) => result.status !== "failed" && result.status !== "unavailable");
}

export interface ContextOptions {
  clients: AwsClients;
  scheduler: RateScheduler;
  clock: Clock;
  accountId: string;
  partition: string;
  regionsTotal: number;
  /** In-flight requests per region (and for IAM); also how many functions a region works on at once. */
  concurrency: number;
  requiredOperations?: ReadonlySet<string>;
  onProgress?: (event: CollectProgressEvent) => void;
  /** The deadline and the caller's signal: when the collection stops early. */
  stop?: CollectionStop;
  /** The longest one read may take, retries and body included (AwsClients.readBudgetMs). */
  readBudgetMs?: number;
}

const CALL_EVENT_EVERY = 50;
/** AwsClients.readBudgetMs with the default timeouts and attempts. */
const DEFAULT_READ_BUDGET_MS = 5 * (5_000 + 30_000 + 2_000);

/**
 * Everything collectors share: clients, pacing, bounded concurrency, the gap list, the counters and
 * the one place AWS errors are turned into gaps. Collectors call AWS only through `call` and
 * `paginate`.
 */
export class CollectContext {
  readonly clients: AwsClients;
  readonly accountId: string;
  readonly partition: string;
  readonly clock: Clock;
  readonly concurrency: number;
  readonly gaps: Gap[] = [];
  readonly notes: Note[] = [];
  private readonly scheduler: RateScheduler;
  private readonly wanted: ReadonlySet<string>;
  private readonly attempted = new Set<string>();
  private readonly limits = new Map<string, LimitFunction>();
  private readonly onProgress: ((event: CollectProgressEvent) => void) | undefined;
  readonly counters = { regionsTotal: 0, regionsDone: 0, functionsListed: 0, functionsCollected: 0, calls: 0, gaps: 0 };
  readonly calls = new Map<string, number>();
  readonly finalThrottles = new Map<string, number>();
  readonly observedThrottles = new Map<string, number>();
  readonly gapCounts = new Map<string, number>();
  iamStartedAt: number | undefined;
  iamFinishedAt: number | undefined;
  readonly stop: CollectionStop;
  private readonly readBudgetMs: number;
  private readonly unreachable = new UnreachableEndpoints();
  /** Reads not made because the collection stopped early or their endpoint stopped answering. */
  readonly notSent = { stopped: 0, unreachable: 0 };

  constructor(options: ContextOptions) {
    this.clients = options.clients;
    this.scheduler = options.scheduler;
    this.clock = options.clock;
    this.accountId = options.accountId;
    this.partition = options.partition;
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.wanted = expandRequiredOperations(options.requiredOperations);
    this.onProgress = options.onProgress;
    this.counters.regionsTotal = options.regionsTotal;
    this.stop = options.stop ?? new CollectionStop({});
    this.readBudgetMs = options.readBudgetMs ?? DEFAULT_READ_BUDGET_MS;
    this.stop.onStop(() => this.scheduler.releaseAll());
  }

  /** Whether a selected check needs `service:Operation` (always true when no selection was given). */
  wants(operation: string): boolean {
    return this.wanted.has(operation);
  }

  /** The operations this collection planned or made: the snapshot's `operationsAttempted`. */
  operationsAttempted(): string[] {
    return [...new Set([...this.wanted, ...this.attempted])].sort();
  }

  progress(kind: CollectProgressEvent["kind"], extra: Partial<CollectProgressEvent> = {}): void {
    if (!this.onProgress) return;
    this.onProgress({ kind, ...this.counters, ...extra });
  }

  /** Counts a throttled attempt seen by the clients' attempt observer (real clients only). */
  observeAttempt(service: string, operation: string, throttled: boolean): void {
    if (throttled) increment(this.observedThrottles, `${service}:${operation}`);
  }

  /** A limit per scope: one per region for regional services, one for IAM, one for API Gateway. */
  private limitFor(service: ServicePrefix, region: string): LimitFunction {
    const scope = service === "iam" ? "iam" : service.startsWith("apigateway") ? "apigateway" : region;
    let limit = this.limits.get(scope);
    if (!limit) {
      limit = pLimit(this.concurrency);
      this.limits.set(scope, limit);
    }
    return limit;
  }

  addGap(gap: Gap): void {
    this.gaps.push(gap);
    increment(this.gapCounts, `${gap.service}:${gap.operation}`);
    this.counters.gaps += 1;
    this.progress("gap", { region: gap.region, gap: { service: gap.service, operation: gap.operation, errorCode: gap.errorCode } });
  }

  /** A slower path taken where a listing is not available (an emulator, an older partition): not a gap. */
  addNote(note: Note): void {
    this.notes.push(note);
  }

  /**
   * Sends one command with `client`: refuses it if it is not on the allow-list (before anything
   * else: no token, no slot, no request), waits for a rate token, then sends it within the
   * concurrency bound, and classifies any error exactly once. Failures other than "not found" (see
   * CallOptions) become a gap; the caller only decides what to store.
   */
  call<C extends object>(client: CommandSender, command: C, target: CallTarget, options: CallOptions = {}): Promise<CallOutcome<CommandOutput<C>>> {
    return this.dispatch(client, command, target, options, {});
  }

  /** `call`, with what a page adds to a gap (`partial`). */
  private async dispatch<C extends object>(
    client: CommandSender,
    command: C,
    target: CallTarget,
    options: CallOptions,
    extraGap: Partial<Gap>,
  ): Promise<CallOutcome<CommandOutput<C>>> {
    const operation = assertAllowedCommand(target.service, command);
    const id = `${target.service}:${operation}`;
    this.attempted.add(id);
    const gapOf = (error: ClassifiedAwsError): Gap => ({
      service: target.service,
      operation,
      region: target.region,
      ...(target.resourceArn !== undefined ? { resourceArn: target.resourceArn } : {}),
      errorCode: error.code,
      message: error.message,
      ...extraGap,
    });
    const notSent = (kind: "stopped" | "unreachable", code: string, message: string): CallOutcome<CommandOutput<C>> => {
      const error: ClassifiedAwsError = { kind: "other", code, message };
      this.notSent[kind] += 1;
      this.addGap(gapOf(error));
      return { ok: false, error, notFound: false };
    };
    const refusal = () => {
      const stopped = this.stop.stopped;
      if (stopped) return notSent("stopped", stopped.code, stopped.message);
      const unreachable = this.unreachable.refusal(target.service, target.region);
      return unreachable === undefined ? undefined : notSent("unreachable", "EndpointUnreachable", unreachable);
    };
    const before = refusal();
    if (before) return before;
    if (target.service === "iam") this.iamStartedAt ??= this.clock.now();
    // Take the token before queueing for a slot: a request waiting for its quota must not hold a
    // slot that a request of another quota could use.
    await this.scheduler.acquire(target.service, operation, target.region);
    let outcome: CallOutcome<CommandOutput<C>>;
    const { signal, release } = readSignal(this.stop.signal, this.readBudgetMs);
    try {
      const sent = await this.limitFor(target.service, target.region)(
        async (): Promise<{ refused: CallOutcome<CommandOutput<C>> } | { value: CommandOutput<C> }> => {
          // Queued for a slot while the collection stopped, or the endpoint was given up: not sent.
          const late = refusal();
          if (late) return { refused: late };
          return { value: (await untilAborted(client.send(command), signal)) as CommandOutput<C> };
        },
      );
      if ("refused" in sent) return sent.refused;
      const value = sent.value;
      this.unreachable.record(target.service, target.region, true);
      this.countCall(id, (value as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts);
      outcome = { ok: true, value };
    } catch (error) {
      const stopped = this.stop.stopped;
      if (stopped) return notSent("stopped", stopped.code, `${stopped.message} (the request in flight was abandoned)`);
      const classified: ClassifiedAwsError = signal.aborted
        ? { kind: "network", code: "TimeoutError", message: `no complete answer within ${formatDuration(this.readBudgetMs)}, retries included` }
        : classifyAwsError(error);
      if (classified.kind === "guard") throw error;
      this.countCall(id, classified.attempts);
      this.unreachable.record(target.service, target.region, classified.kind !== "network");
      if (classified.kind === "throttled") increment(this.finalThrottles, id);
      if (options.unavailable === "fallback" && isOperationUnavailable(classified)) {
        outcome = { ok: false, error: classified, notFound: false, unavailable: true };
      } else {
        const notFound = classified.kind === "notFound";
        outcome = { ok: false, error: classified, notFound };
        if (!(notFound && (options.notFound ?? "none") === "none")) this.addGap(gapOf(classified));
      }
    } finally {
      release();
    }
    if (target.service === "iam") this.iamFinishedAt = this.clock.now();
    return outcome;
  }

  /**
   * Reads every page of a list: `command(token)` builds each page's request (token undefined for
   * the first), `nextToken` reads the next token from an answer. Pages are handed to `onPage` as
   * they arrive, so a failure on a later page keeps what was read and records one gap marked
   * `partial`; a failure on the first page is an ordinary gap and the result is `failed` (the caller
   * leaves the list absent).
   *
   * The SDK's paginators are not used here because every page must pass through `call` (rate token,
   * concurrency slot, error classification) and they offer no hook around each request.
   */
  async paginate<C extends object>(
    client: CommandSender,
    command: (token: string | undefined) => C,
    target: CallTarget,
    pages: PageHandlers<CommandOutput<C>>,
  ): Promise<PageResult> {
    let token: string | undefined;
    let pagesRead = 0;
    const seen = new Set<string>();
    for (;;) {
      // Only the first page may say "not available here": a later one failing is a partial listing.
      const options: CallOptions = pagesRead > 0 ? { notFound: pages.notFound ?? "none", unavailable: "gap" } : pages;
      const outcome = await this.dispatch(client, command(token), target, options, pagesRead > 0 ? { partial: true } : {});
      if (!outcome.ok) {
        if (pagesRead === 0) {
          const status = outcome.unavailable ? "unavailable" : outcome.notFound && (pages.notFound ?? "none") === "none" ? "notFound" : "failed";
          return { status, error: outcome.error };
        }
        return { status: "partial", error: outcome.error };
      }
      pagesRead += 1;
      await pages.onPage(outcome.value);
      const next = pages.nextToken(outcome.value);
      // A repeated token would loop forever: stop, the pages read are all there is to read.
      if (!next || seen.has(next)) return { status: "complete" };
      seen.add(next);
      token = next;
    }
  }

  private countCall(id: string, attempts: number | undefined): void {
    const count = attempts && attempts > 0 ? attempts : 1;
    this.calls.set(id, (this.calls.get(id) ?? 0) + count);
    const before = this.counters.calls;
    this.counters.calls += count;
    if (Math.floor(before / CALL_EVENT_EVERY) !== Math.floor(this.counters.calls / CALL_EVENT_EVERY)) this.progress("calls");
  }

  /** A function whose calls are bounded like requests: for per-function work of a region. */
  functionLimit(region: string): LimitFunction {
    const key = `functions@${region}`;
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.concurrency);
      this.limits.set(key, limit);
    }
    return limit;
  }

  stats(totalMs: number, byRegion: Record<string, number>, counts: { functions: number; roles: number; managedPolicies: number }): CollectStats {
    const throttles = new Map(this.finalThrottles);
    for (const [id, count] of this.observedThrottles) throttles.set(id, Math.max(count, throttles.get(id) ?? 0));
    const sum = (map: Map<string, number>) => [...map.values()].reduce((total, value) => total + value, 0);
    return {
      calls: sortedRecord(this.calls),
      totalCalls: sum(this.calls),
      throttles: sortedRecord(throttles),
      totalThrottles: sum(throttles),
      gaps: sortedRecord(this.gapCounts),
      totalGaps: this.gaps.length,
      durations: {
        totalMs,
        byRegion,
        iamMs: this.iamStartedAt !== undefined && this.iamFinishedAt !== undefined ? this.iamFinishedAt - this.iamStartedAt : 0,
      },
      waitedMs: sortedRecord(this.scheduler.waitedMs),
      notSent: { ...this.notSent },
      ...counts,
    };
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
