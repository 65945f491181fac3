import { NodeHttpHandler } from "@smithy/node-http-handler";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitAnswerBodyTime } from "../../src/aws/answer-time-limit.js";
import { untilAborted } from "../../src/aws/clients.js";

/** Loopback server: `/drip` sends headers, then a byte every 50 ms forever; `/ok` answers at once. */
let server: Server;
let port = 0;
const dripping = new Set<ServerResponse>();
let closedDrips = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/ok") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    dripping.add(response);
    const timer = setInterval(() => response.write(" "), 50);
    response.on("close", () => {
      clearInterval(timer);
      closedDrips += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const response of dripping) response.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The fields of the SDK's HttpRequest that the Node handler reads. */
const request = (path: string) => ({ protocol: "http:", hostname: "127.0.0.1", port, method: "GET", path, query: {}, headers: { host: `127.0.0.1:${port}` } });

async function readBody(body: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of body) text += String(chunk);
  return text;
}

describe("limitAnswerBodyTime", () => {
  it("ends a body that drips past the limit with a TimeoutError and closes the connection", async () => {
    const handler = limitAnswerBodyTime(new NodeHttpHandler({ requestTimeout: 5_000 }) as never, 300);
    const started = performance.now();
    const { response } = await handler.handle(request("/drip"));
    await expect(readBody(response.body as NodeJS.ReadableStream)).rejects.toMatchObject({ name: "TimeoutError", message: "the answer's body did not arrive within 300 ms" });
    expect(performance.now() - started).toBeLessThan(3_000);
    await expect.poll(() => closedDrips).toBe(1);
    handler.destroy?.();
  });

  it("leaves an answer that arrives in time alone, and does not fire after it", async () => {
    const handler = limitAnswerBodyTime(new NodeHttpHandler({ requestTimeout: 5_000 }) as never, 100);
    const { response } = await handler.handle(request("/ok"));
    const body = response.body as NodeJS.ReadableStream & { destroyed: boolean; errored: Error | null };
    expect(await readBody(body)).toBe('{"ok":true}');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(body.errored).toBeNull();
    handler.destroy?.();
  });
});

describe("untilAborted", () => {
  it("gives the answer when it comes first", async () => {
    await expect(untilAborted(Promise.resolve("answer"), new AbortController().signal)).resolves.toBe("answer");
  });

  it("stops waiting with the signal's reason when it aborts first; the late answer changes nothing", async () => {
    const controller = new AbortController();
    let answer: (value: string) => void = () => undefined;
    const pending = untilAborted(new Promise<string>((resolve) => (answer = resolve)), controller.signal);
    controller.abort(new Error("deadline"));
    await expect(pending).rejects.toThrow("deadline");
    answer("late");
    await expect(untilAborted(Promise.resolve("x"), controller.signal)).rejects.toThrow("deadline");
  });
});
