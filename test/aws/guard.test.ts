import { Readable } from "node:stream";
import { DeleteFunctionCommand, GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { ReadOnlyViolationError } from "../../src/aws/errors.js";
import { assertAllowedCommand } from "../../src/aws/guard.js";
import { RateScheduler } from "../../src/aws/rate.js";
import { CollectContext } from "../../src/collect/context.js";
import { collectLambda } from "../../src/collect/lambda.js";
import { FAKE_CREDENTIALS, REGION, fakeClock, isolateFromAws } from "../collect/helpers.js";

interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An HTTP handler that answers from a script and records what reached it: nothing leaves the process. */
function scriptedHandler(responses: FakeResponse[]) {
  const requests: { method: string; path: string }[] = [];
  return {
    requests,
    metadata: { handlerProtocol: "http/1.1" },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
    async handle(request: { method: string; path: string }) {
      requests.push({ method: request.method, path: request.path });
      const next = responses.shift() ?? { status: 500, body: { message: "script exhausted" } };
      return {
        response: {
          statusCode: next.status,
          reason: "",
          headers: { "content-type": "application/json", ...next.headers },
          body: Readable.from([Buffer.from(JSON.stringify(next.body))]),
        },
      };
    },
  };
}

describe("read-only guard", () => {
  it("refuses a mutating command before anything is sent", async () => {
    isolateFromAws();
    const handler = scriptedHandler([]);
    const clients = new AwsClients({ homeRegion: REGION, credentials: FAKE_CREDENTIALS, requestHandler: handler });
    await expect(clients.lambda(REGION).send(new DeleteFunctionCommand({ FunctionName: "victim" }))).rejects.toBeInstanceOf(
      ReadOnlyViolationError,
    );
    await expect(clients.lambda(REGION).send(new DeleteFunctionCommand({ FunctionName: "victim" }))).rejects.toThrow(
      /read-only: refused to send lambda:DeleteFunction/,
    );
    expect(handler.requests).toEqual([]);
    clients.destroy();
  });

  it("lets an allowed read through to the HTTP layer", async () => {
    isolateFromAws();
    const handler = scriptedHandler([{ status: 200, body: { Functions: [] } }]);
    const clients = new AwsClients({ homeRegion: REGION, credentials: FAKE_CREDENTIALS, requestHandler: handler });
    await clients.lambda(REGION).send(new ListFunctionsCommand({}));
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0]).toMatchObject({ method: "GET", path: expect.stringContaining("/2015-03-31/functions") });
    clients.destroy();
  });

  it("with the middleware resolved once per command class, each request still carries its own input and the guard still runs", async () => {
    isolateFromAws();
    const handler = scriptedHandler([
      { status: 200, body: { Configuration: { FunctionName: "first" } } },
      { status: 200, body: { Configuration: { FunctionName: "second" } } },
    ]);
    const clients = new AwsClients({ homeRegion: REGION, credentials: FAKE_CREDENTIALS, requestHandler: handler });
    const lambda = clients.lambda(REGION);
    expect(lambda.config.cacheMiddleware).toBe(true);
    await Promise.all([lambda.send(new GetFunctionCommand({ FunctionName: "first" })), lambda.send(new GetFunctionCommand({ FunctionName: "second" }))]);
    expect(handler.requests.map((request) => request.path)).toEqual(["/2015-03-31/functions/first", "/2015-03-31/functions/second"]);
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: "victim" }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: "victim" }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(handler.requests).toHaveLength(2);
    clients.destroy();
  });

  it("is also applied by the collectors before a command reaches any client", () => {
    expect(() => assertAllowedCommand("lambda", new DeleteFunctionCommand({ FunctionName: "x" }))).toThrow(ReadOnlyViolationError);
    expect(assertAllowedCommand("lambda", new GetFunctionCommand({ FunctionName: "x" }))).toBe("GetFunction");
    // The service matters: GetFunction is not an IAM read.
    expect(() => assertAllowedCommand("iam", new GetFunctionCommand({ FunctionName: "x" }))).toThrow(ReadOnlyViolationError);
  });
});

describe("real clients (scripted HTTP)", () => {
  it("recovers from throttling through the SDK's retries and counts the throttle", async () => {
    isolateFromAws();
    const handler = scriptedHandler([
      {
        status: 429,
        headers: { "x-amzn-errortype": "TooManyRequestsException" },
        body: { message: "Rate exceeded", Type: "User", Reason: "CallerRateLimitExceeded" },
      },
      { status: 200, body: { Functions: [] } },
    ]);
    let ctx: CollectContext | undefined;
    const clients = new AwsClients({
      homeRegion: REGION,
      credentials: FAKE_CREDENTIALS,
      requestHandler: handler,
      onAttempt: (event) => ctx?.observeAttempt(event.service, event.operation, event.throttled),
    });
    const clock = fakeClock();
    ctx = new CollectContext({
      clients,
      scheduler: new RateScheduler({ clock }),
      clock,
      accountId: "111122223333",
      partition: "aws",
      regionsTotal: 1,
      concurrency: 2,
      requiredOperations: new Set(["lambda:ListFunctions"]),
    });
    const result = await collectLambda(ctx, REGION);
    expect(result.listing).toBe("complete");
    expect(ctx.gaps).toEqual([]);
    expect(handler.requests).toHaveLength(2);
    const stats = ctx.stats(0, {}, { functions: 0, roles: 0, managedPolicies: 0 });
    expect(stats.throttles).toEqual({ "lambda:ListFunctions": 1 });
    expect(stats.calls).toEqual({ "lambda:ListFunctions": 2 });
    clients.destroy();
  });
});
