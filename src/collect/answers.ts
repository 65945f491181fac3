import type { CallTarget, CollectContext } from "./context.js";
import { unreadable } from "./documents.js";

/** The error code of a gap about a successful answer that could not be stored as it was. */
export const UNEXPECTED_RESPONSE = "UnexpectedResponse";

/**
 * Records why a successful answer (or a field of it) was not stored: the field stays absent and a
 * gap says why, so a check that needs it says `unknown` with a reason instead of "not read" with
 * none. Used for fields AWS always returns; a field AWS may leave out means "none" instead.
 */
export interface AnswerProblems {
  /** The answer has no `field`, which AWS always returns. */
  missing(field: string): void;
  /** The answer holds a value outside what the snapshot schema allows for `field`. */
  unexpected(field: string): void;
  /** The answer's policy document is not a JSON object. */
  unreadablePolicy(): void;
}

/** Problems with `operation`'s answer about `target.resourceArn`. */
export function answerProblems(ctx: CollectContext, target: CallTarget & { resourceArn: string }, operation: string): AnswerProblems {
  const gap = (message: string) =>
    ctx.addGap({
      service: target.service,
      operation,
      region: target.region,
      resourceArn: target.resourceArn,
      errorCode: UNEXPECTED_RESPONSE,
      message,
    });
  return {
    missing: (field) => gap(`${operation} returned no ${field}`),
    unexpected: (field) => gap(`${operation} returned an unexpected ${field}`),
    unreadablePolicy: () => unreadable(ctx, target.service, operation, target.region, target.resourceArn),
  };
}
