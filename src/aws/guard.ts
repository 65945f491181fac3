import { isAllowedOperation, type ServicePrefix } from "./allow-list.js";
import { ReadOnlyViolationError } from "./errors.js";

/** The part of an SDK v3 client the guard touches (typed locally to avoid a hard @smithy/types import). */
export interface MiddlewareStackOwner {
  middlewareStack: unknown;
}
interface SimpleStack {
  add(middleware: (next: Handler, context: HandlerContext) => Handler, options: Record<string, unknown>): void;
}

/** Adds a middleware to a client's stack (the SDK's overloads are narrowed to the shape used here). */
export function addMiddleware(
  client: MiddlewareStackOwner,
  middleware: (next: Handler, context: HandlerContext) => Handler,
  options: Record<string, unknown>,
): void {
  (client.middlewareStack as SimpleStack).add(middleware, options);
}
export type Handler = (args: unknown) => Promise<unknown>;
export interface HandlerContext {
  commandName?: string;
  clientName?: string;
}

export const READ_ONLY_GUARD_NAME = "lambdaPostureReadOnlyGuard";

/** `GetFunctionCommand` -> `GetFunction`. */
export function operationOfCommandName(commandName: string): string {
  return commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
}

/** The operation a command object is for, from its class name (`new GetPolicyCommand(...)` -> `GetPolicy`). */
export function operationOfCommand(command: object): string {
  return operationOfCommandName(command.constructor.name);
}

/**
 * Refuses, in the initialize step (before serialisation, signing or any network use), every command
 * that is not on the allow-list. Added to every client the factory builds, so even a bug elsewhere
 * that builds a mutating command cannot reach AWS.
 */
export function addReadOnlyGuard(client: MiddlewareStackOwner, service: ServicePrefix): void {
  addMiddleware(
    client,
    (next, context) => async (args) => {
      const operation = operationOfCommandName(context.commandName ?? "");
      if (!operation || !isAllowedOperation(service, operation)) {
        throw new ReadOnlyViolationError(service, operation || "unknown");
      }
      return next(args);
    },
    { step: "initialize", priority: "high", name: READ_ONLY_GUARD_NAME, override: true },
  );
}

/** The same check, for callers that hold a command before sending it (and for mocked clients). */
export function assertAllowedCommand(service: ServicePrefix, command: object): string {
  const operation = operationOfCommand(command);
  if (!isAllowedOperation(service, operation)) throw new ReadOnlyViolationError(service, operation);
  return operation;
}
