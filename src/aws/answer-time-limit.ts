/**
 * The SDK's request timeout covers an attempt until the answer's headers arrive (it is an idle timer
 * on the socket); an endpoint that sends headers and then drips the body a byte at a time resets it
 * forever. This wraps the HTTP handler so that each attempt's body must also arrive within a time
 * limit, or the body stream is destroyed with a TimeoutError: the SDK retries that like any timeout,
 * the socket is closed, and the attempt ends. One timer an attempt, cleared when the body closes.
 */

/** The parts of the SDK's HttpHandler used here (typed locally, as guard.ts does). */
export interface HttpHandlerLike {
  handle(request: unknown, options?: Record<string, unknown>): Promise<{ response: { body?: unknown } }>;
  updateHttpClientConfig?(key: never, value: never): void;
  httpHandlerConfigs?(): unknown;
  destroy?(): void;
  metadata?: unknown;
}

interface DestroyableBody {
  destroy(error?: Error): void;
  once(event: "close", listener: () => void): void;
  destroyed?: boolean;
}

function isDestroyableBody(body: unknown): body is DestroyableBody {
  return typeof body === "object" && body !== null && typeof (body as DestroyableBody).destroy === "function" && typeof (body as DestroyableBody).once === "function";
}

/** The error a body that did not arrive in time ends with: named TimeoutError, which the SDK retries and errors.ts classifies as a network failure. */
export function bodyTimeoutError(limitMs: number): Error {
  return Object.assign(new Error(`the answer's body did not arrive within ${limitMs} ms`), { name: "TimeoutError" });
}

export function limitAnswerBodyTime(inner: HttpHandlerLike, limitMs: number): HttpHandlerLike {
  return {
    metadata: inner.metadata,
    async handle(request, options) {
      const output = await inner.handle(request, options);
      const body = output.response.body;
      if (isDestroyableBody(body) && !body.destroyed) {
        const timer = setTimeout(() => body.destroy(bodyTimeoutError(limitMs)), limitMs);
        // The read in flight keeps the process alive, not this limit.
        timer.unref();
        body.once("close", () => clearTimeout(timer));
      }
      return output;
    },
    updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig?.(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs?.(),
    destroy: () => inner.destroy?.(),
  };
}
