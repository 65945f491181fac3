import { DeleteFunctionCommand, GetPolicyCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ReadOnlyViolationError } from "../../src/aws/errors.js";
import type { RateScheduler } from "../../src/aws/rate.js";
import { CollectContext, type CommandSender } from "../../src/collect/context.js";
import { CollectionStop, UNREACHABLE_AFTER } from "../../src/collect/stop.js";
import { accessDenied, fakeClock, functionArn, notFound, REGION } from "./helpers.js";

/** What happened, in order: tokens taken and commands sent. */
type Event = string;

/** A scheduler whose tokens are handed out by the test (or at once), recording each request. */
function scheduler(events: Event[], gate?: (operation: string) => Promise<void> | undefined) {
  return {
    waitedMs: {},
    releaseAll: () => undefined,
    acquire: async (service: string, operation: string, region: string) => {
      events.push(`token ${service}:${operation}@${region}`);
      await gate?.(operation);
    },
  } as unknown as RateScheduler;
}

/** A client that answers from `answer` and records every command it is handed. */
function client(events: Event[], answer: (command: object) => unknown): CommandSender & { sent: object[] } {
  const sent: object[] = [];
  return {
    sent,
    send: async (command: object) => {
      sent.push(command);
      events.push(`send ${command.constructor.name}`);
      const result = answer(command);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

function context(events: Event[], options: { concurrency?: number; gate?: (operation: string) => Promise<void> | undefined; stop?: CollectionStop } = {}) {
  const clock = fakeClock();
  return new CollectContext({
    ...(options.stop ? { stop: options.stop } : {}),
    clients: {} as AwsClients,
    scheduler: scheduler(events, options.gate),
    clock,
    accountId: "111122223333",
    partition: "aws",
    regionsTotal: 1,
    concurrency: options.concurrency ?? 4,
  });
}

const target = { service: "lambda" as const, region: REGION, resourceArn: functionArn("fn") };

describe("CollectContext.call", () => {
  it("refuses a command that is not on the allow-list before taking a token or sending anything", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const lambda = client(events, () => ({}));
    await expect(ctx.call(lambda, new DeleteFunctionCommand({ FunctionName: "victim" }), target)).rejects.toBeInstanceOf(ReadOnlyViolationError);
    // The service matters too: a Lambda read is not an IAM read.
    await expect(ctx.call(lambda, new ListFunctionsCommand({}), { service: "iam", region: "global" })).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(events).toEqual([]);
    expect(ctx.gaps).toEqual([]);
    expect(ctx.operationsAttempted()).not.toContain("lambda:DeleteFunction");
  });

  it("sends the command itself with the given client, after its rate token, and returns the typed answer", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const command = new GetPolicyCommand({ FunctionName: functionArn("fn") });
    const lambda = client(events, () => ({ Policy: "{}", $metadata: { attempts: 2 } }));
    const outcome = await ctx.call(lambda, command, target);
    expect(outcome).toEqual({ ok: true, value: { Policy: "{}", $metadata: { attempts: 2 } } });
    if (outcome.ok) expect(outcome.value.Policy).toBe("{}");
    expect(lambda.sent).toEqual([command]);
    expect(events).toEqual([`token lambda:GetPolicy@${REGION}`, "send GetPolicyCommand"]);
    // SDK retries count as calls.
    expect(ctx.calls.get("lambda:GetPolicy")).toBe(2);
    expect(ctx.operationsAttempted()).toContain("lambda:GetPolicy");
  });

  it("takes the token before a concurrency slot: a request waiting for its quota holds no slot", async () => {
    const events: Event[] = [];
    let release: () => void = () => undefined;
    const policyToken = new Promise<void>((resolve) => (release = resolve));
    const ctx = context(events, { concurrency: 1, gate: (operation) => (operation === "GetPolicy" ? policyToken : undefined) });
    const lambda = client(events, () => ({}));
    const waiting = ctx.call(lambda, new GetPolicyCommand({ FunctionName: "fn" }), target);
    await ctx.call(lambda, new ListFunctionsCommand({}), { service: "lambda", region: REGION });
    expect(events).toEqual([`token lambda:GetPolicy@${REGION}`, `token lambda:ListFunctions@${REGION}`, "send ListFunctionsCommand"]);
    release();
    await waiting;
    expect(events.at(-1)).toBe("send GetPolicyCommand");
  });

  it("classifies a failure once: a gap naming the read, with the error's code and message", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const outcome = await ctx.call(client(events, () => accessDenied()), new GetPolicyCommand({ FunctionName: "fn" }), target);
    expect(outcome).toMatchObject({ ok: false, notFound: false, error: { kind: "denied", code: "AccessDeniedException" } });
    expect(ctx.gaps).toEqual([
      {
        service: "lambda",
        operation: "GetPolicy",
        region: REGION,
        resourceArn: functionArn("fn"),
        errorCode: "AccessDeniedException",
        message: "User is not authorized to perform this action",
      },
    ]);
    expect(ctx.calls.get("lambda:GetPolicy")).toBe(1);
  });

  it("treats not found as none (no gap) by default, and as a gap when asked to", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const missing = client(events, () => notFound());
    const none = await ctx.call(missing, new GetPolicyCommand({ FunctionName: "fn" }), target);
    expect(none).toMatchObject({ ok: false, notFound: true });
    expect(ctx.gaps).toEqual([]);
    const gap = await ctx.call(missing, new GetPolicyCommand({ FunctionName: "fn" }), target, { notFound: "gap" });
    expect(gap).toMatchObject({ ok: false, notFound: true });
    expect(ctx.gaps).toEqual([expect.objectContaining({ operation: "GetPolicy", errorCode: "ResourceNotFoundException" })]);
  });
});

describe("CollectContext.paginate", () => {
  const listTarget = { service: "lambda" as const, region: REGION };
  /** ListFunctions answers page `n` for Marker `n` (none: page 0). */
  const pagesOf = (pages: (object | Error)[]) => (command: object) => pages[Number((command as ListFunctionsCommand).input.Marker ?? 0)];

  it("hands each token to the command factory and each page to onPage, until no token comes back", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const lambda = client(events, pagesOf([{ Functions: [{ FunctionName: "a" }], NextMarker: "1" }, { Functions: [{ FunctionName: "b" }] }]));
    const names: string[] = [];
    const tokens: (string | undefined)[] = [];
    const result = await ctx.paginate(
      lambda,
      (marker) => {
        tokens.push(marker);
        return new ListFunctionsCommand(marker ? { Marker: marker } : {});
      },
      listTarget,
      { nextToken: (page) => page.NextMarker, onPage: (page) => void names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? "")) },
    );
    expect(result).toEqual({ status: "complete" });
    expect(tokens).toEqual([undefined, "1"]);
    expect(names).toEqual(["a", "b"]);
    expect(events.filter((event) => event.startsWith("token"))).toHaveLength(2);
  });

  it("stops at a repeated token instead of looping", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const lambda = client(events, () => ({ Functions: [], NextMarker: "same" }));
    const result = await ctx.paginate(lambda, (marker) => new ListFunctionsCommand(marker ? { Marker: marker } : {}), listTarget, {
      nextToken: (page) => page.NextMarker,
      onPage: () => undefined,
    });
    expect(result).toEqual({ status: "complete" });
    expect(lambda.sent).toHaveLength(2);
  });

  it("keeps the pages read before a later page fails, with one gap marked partial", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const lambda = client(events, pagesOf([{ Functions: [{ FunctionName: "a" }], NextMarker: "1" }, accessDenied()]));
    const names: string[] = [];
    const result = await ctx.paginate(lambda, (marker) => new ListFunctionsCommand(marker ? { Marker: marker } : {}), listTarget, {
      nextToken: (page) => page.NextMarker,
      onPage: (page) => void names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? "")),
    });
    expect(result).toMatchObject({ status: "partial", error: { code: "AccessDeniedException" } });
    expect(names).toEqual(["a"]);
    expect(ctx.gaps).toEqual([expect.objectContaining({ operation: "ListFunctions", region: REGION, partial: true })]);
    expect(ctx.gaps[0]).not.toHaveProperty("resourceArn");
  });

  it("reports a failed first page as failed (one ordinary gap), and a not-found one as notFound without a gap", async () => {
    const events: Event[] = [];
    const ctx = context(events);
    const handlers = { nextToken: (page: { NextMarker?: string }) => page.NextMarker, onPage: () => undefined };
    const denied = await ctx.paginate(client(events, () => accessDenied()), () => new ListFunctionsCommand({}), listTarget, handlers);
    expect(denied).toMatchObject({ status: "failed", error: { kind: "denied" } });
    expect(ctx.gaps).toEqual([expect.not.objectContaining({ partial: true })]);
    const missing = await ctx.paginate(client(events, () => notFound()), () => new ListFunctionsCommand({}), listTarget, handlers);
    expect(missing).toMatchObject({ status: "notFound" });
    const missingAsGap = await ctx.paginate(client(events, () => notFound()), () => new ListFunctionsCommand({}), listTarget, {
      ...handlers,
      notFound: "gap",
    });
    expect(missingAsGap).toMatchObject({ status: "failed" });
    expect(ctx.gaps.map((gap) => gap.errorCode)).toEqual(["AccessDeniedException", "ResourceNotFoundException"]);
  });
});

describe("CollectContext: runs that must end", () => {
  const timeout = () => Object.assign(new Error("socket timed out"), { name: "TimeoutError", $metadata: { attempts: 2 } });

  it("after the deadline, sends nothing more: each read is a gap saying the deadline passed", async () => {
    const events: Event[] = [];
    const stop = new CollectionStop({ deadlineMs: 10 });
    const ctx = context(events, { stop });
    const lambda = client(events, () => ({ Policy: "{}" }));
    expect((await ctx.call(lambda, new GetPolicyCommand({ FunctionName: "a" }), target)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const late = await ctx.call(lambda, new GetPolicyCommand({ FunctionName: "b" }), target);
    expect(late).toMatchObject({ ok: false, error: { code: "DeadlineExceeded" } });
    expect(lambda.sent).toHaveLength(1);
    expect(ctx.gaps).toEqual([expect.objectContaining({ operation: "GetPolicy", errorCode: "DeadlineExceeded", message: "not read: the --deadline of 10ms passed first" })]);
    expect(ctx.notSent).toEqual({ stopped: 1, unreachable: 0 });
    stop.dispose();
  });

  it("abandons a request in flight when the collection stops, through the abort signal it was sent with", async () => {
    const events: Event[] = [];
    const stop = new CollectionStop({});
    const ctx = context(events, { stop });
    const hanging: CommandSender = {
      send: (_command, options) =>
        new Promise((_resolve, reject) => options?.abortSignal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true })),
    };
    const pending = ctx.call(hanging, new GetPolicyCommand({ FunctionName: "a" }), target);
    setTimeout(() => stop.stop({ code: "Interrupted", message: "not read: the collection was interrupted" }), 5);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: "Interrupted" } });
    expect(ctx.gaps[0]?.message).toMatch(/abandoned/);
  });

  it(`gives an endpoint up after ${UNREACHABLE_AFTER} connection failures or timeouts in a row; other endpoints go on`, async () => {
    const events: Event[] = [];
    const ctx = context(events, { concurrency: 1 });
    const lambda = client(events, () => timeout());
    for (let i = 0; i < UNREACHABLE_AFTER + 2; i += 1) await ctx.call(lambda, new GetPolicyCommand({ FunctionName: `f${i}` }), target);
    expect(lambda.sent).toHaveLength(UNREACHABLE_AFTER);
    expect(ctx.gaps.map((gap) => gap.errorCode)).toEqual([...Array(UNREACHABLE_AFTER).fill("TimeoutError"), "EndpointUnreachable", "EndpointUnreachable"]);
    expect(ctx.notSent.unreachable).toBe(2);
    const otherRegion = client(events, () => ({ Functions: [] }));
    expect((await ctx.call(otherRegion, new ListFunctionsCommand({}), { service: "lambda", region: "us-east-1" })).ok).toBe(true);
  });

  it("a success in between resets the count: slow answers are not an unreachable endpoint", async () => {
    const events: Event[] = [];
    const ctx = context(events, { concurrency: 1 });
    let n = 0;
    const flaky = client(events, () => (++n % UNREACHABLE_AFTER === 0 ? { Policy: "{}" } : timeout()));
    for (let i = 0; i < 3 * UNREACHABLE_AFTER; i += 1) await ctx.call(flaky, new GetPolicyCommand({ FunctionName: `f${i}` }), target);
    expect(flaky.sent).toHaveLength(3 * UNREACHABLE_AFTER);
    expect(ctx.notSent.unreachable).toBe(0);
  });
});

