import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";

/**
 * Loopback endpoints that misbehave the ways networks and emulators do, for the unattended-run
 * tests: each answers every request the same way, whatever the service.
 */
export type Behaviour = "silent" | "drip" | "reset" | "error500" | "garbage";

export interface HostileEndpoint {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startHostileEndpoint(behaviour: Behaviour): Promise<HostileEndpoint> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let server: Server;
  if (behaviour === "silent" || behaviour === "reset") {
    // Raw TCP: accept and never write a byte, or accept and reset at once.
    server = createTcpServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
      if (behaviour === "reset") socket.resetAndDestroy();
    });
  } else {
    server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      if (behaviour === "error500") {
        response.writeHead(500, { "content-type": "application/json" }).end('{"message":"internal failure"}');
      } else if (behaviour === "garbage") {
        // A body no protocol parses, with bytes a terminal would act on.
        response.writeHead(200, { "content-type": "application/json" }).end("\u001b]0;owned\u0007<html>not json \u202e at all");
      } else {
        // Headers, then one byte every 300 ms: never idle long enough for an idle timeout.
        response.writeHead(200, { "content-type": "application/json" });
        const timer = setInterval(() => response.write(" "), 300);
        timers.add(timer);
        response.on("close", () => clearInterval(timer));
      }
    });
    server.on("connection", (socket: Socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
