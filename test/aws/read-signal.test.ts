import { afterEach, describe, expect, it, vi } from "vitest";
import { readSignal, withReadSignal } from "../../src/aws/clients.js";

describe("readSignal", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts with a TimeoutError when the budget passes, even after garbage collection could have run", async () => {
    vi.useFakeTimers();
    const { signal, release } = readSignal(new AbortController().signal, 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
    release();
  });

  it("aborts at once when the collection stops, with the stop's reason", () => {
    const stop = new AbortController();
    const { signal, release } = readSignal(stop.signal, 60_000);
    stop.abort(new Error("deadline"));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe("deadline");
    release();
    const late = readSignal(stop.signal, 60_000);
    expect(late.signal.aborted).toBe(true);
    late.release();
  });

  it("after release, neither the budget nor a stop aborts the finished read", async () => {
    vi.useFakeTimers();
    const stop = new AbortController();
    const seen: AbortSignal[] = [];
    await withReadSignal(stop.signal, 1_000, async (signal) => {
      seen.push(signal);
      return "answer";
    });
    await vi.advanceTimersByTimeAsync(5_000);
    stop.abort(new Error("later"));
    expect(seen[0]!.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets many reads in flight listen to one stop signal without a listener-leak warning, and removes them", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const stop = new AbortController();
      const reads = Array.from({ length: 50 }, () => readSignal(stop.signal, 60_000));
      for (const read of reads) read.release();
      await new Promise((resolve) => setImmediate(resolve));
      stop.abort(new Error("after release"));
      expect(reads.every((read) => !read.signal.aborted)).toBe(true);
      expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
