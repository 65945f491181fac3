import type { ServicePrefix } from "../aws/allow-list.js";
import { formatDuration } from "../text/duration.js";

/**
 * Why reads stop before they are made. Every read not made becomes a gap carrying this code and
 * message, so the checks that needed it report unknown and the reports say why.
 */
export interface StopReason {
  code: "DeadlineExceeded" | "Interrupted";
  message: string;
}

/**
 * The end of a collection, for a run nobody watches: an overall deadline (`--deadline`) and the
 * caller's abort signal. When either comes, no new request starts, requests in flight are abandoned
 * through the shared AbortSignal, and queued ones are released to record their gap.
 */
export class CollectionStop {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private reason: StopReason | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(options: { deadlineMs?: number | undefined; signal?: AbortSignal | undefined }) {
    if (options.deadlineMs !== undefined) {
      const after = formatDuration(options.deadlineMs);
      // A real timer, unref'd: it must not keep the process alive once the collection is over.
      this.timer = setTimeout(() => this.stop({ code: "DeadlineExceeded", message: `not read: the --deadline of ${after} passed first` }), options.deadlineMs);
      this.timer.unref();
    }
    if (options.signal) {
      const onAbort = () => this.stop({ code: "Interrupted", message: "not read: the collection was interrupted" });
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener("abort", onAbort, { once: true });
    }
  }

  /** Passed to every request, so that a stop abandons requests in flight. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Undefined while reads may go on. */
  get stopped(): StopReason | undefined {
    return this.reason;
  }

  /** Called once, when the collection stops early (to release requests queued for a rate token). */
  onStop(listener: () => void): void {
    this.listeners.push(listener);
  }

  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(new Error(reason.message));
    for (const listener of this.listeners) listener();
  }

  /** The collection is over: the deadline no longer applies. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Consecutive connection failures or timeouts after which an endpoint is given up for the scan. */
export const UNREACHABLE_AFTER = 3;

/**
 * A service endpoint that stopped answering (connections refused or timing out, after the SDK's own
 * retries) costs its timeouts a few times, not once per remaining read: after UNREACHABLE_AFTER
 * failures in a row, the remaining reads of that service in that region are not sent, and each
 * becomes a gap. What the other services returned is kept.
 */
export class UnreachableEndpoints {
  private readonly failures = new Map<string, number>();

  private key(service: ServicePrefix, region: string): string {
    return `${service}@${service === "iam" ? "global" : region}`;
  }

  /** Why a read to this endpoint is not sent, or undefined when it may be. */
  refusal(service: ServicePrefix, region: string): string | undefined {
    const count = this.failures.get(this.key(service, region)) ?? 0;
    if (count < UNREACHABLE_AFTER) return undefined;
    return `not sent: ${count} requests in a row to ${service}${service === "iam" ? "" : ` in ${region}`} could not connect or timed out`;
  }

  record(service: ServicePrefix, region: string, reachable: boolean): void {
    const key = this.key(service, region);
    if (reachable) this.failures.set(key, 0);
    else this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }
}
