import {
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionRecursionConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  ListTagsCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import type { LambdaFunction } from "../snapshot/schema.js";
import { answerProblems, type AnswerProblems } from "./answers.js";
import type { CallTarget, CollectContext, CommandOutput } from "./context.js";
import { functionUrlFrom, resourcePolicyFrom } from "./function-urls.js";

/**
 * One optional per-function Lambda read. It is made when a selected check wants `operation` (and
 * `when` allows it), and what it stores is decided here, next to the command:
 * - `onValue`: the answer, turned into snapshot fields;
 * - `onNotFound`: "not found" means the function has none of it (null), and is no gap. Without it,
 *   "not found" is a failure like any other (a gap, the fields stay absent);
 * - `fallback`: reads that take this one's place when it fails for any reason but "not found".
 */
export interface FunctionRead<C extends object = object> {
  /** `lambda:Operation`, as checks name it in `requires`. */
  operation: string;
  /** Reads that stand in for another's answer are wanted whenever that one is (see FALLBACK_READS). */
  wantedWith?: string;
  command: (fn: LambdaFunction) => C;
  /** Whether the answer can change any check's result for this function; absent: always. */
  when?: (fn: LambdaFunction) => boolean;
  /** What the function has when `when` rules the read out, if that is known without asking. */
  instead?: (fn: LambdaFunction) => void;
  onValue: (fn: LambdaFunction, output: CommandOutput<C>, problems: AnswerProblems) => void;
  onNotFound?: (fn: LambdaFunction) => void;
  fallback?: readonly FunctionRead[];
}

/** Keeps each entry's command and answer types together while the table holds them all. */
function read<C extends object>(entry: FunctionRead<C>): FunctionRead {
  return entry;
}

/**
 * GetFunction was denied (SecurityAudit lacks lambda:GetFunction): tags and reserved concurrency
 * come from the shared 15/s budget instead. Whoever wanted GetFunction wanted these answers.
 */
const FALLBACK_READS: readonly FunctionRead[] = [
  read({
    operation: "lambda:GetFunctionConfiguration",
    command: (fn) => new GetFunctionConfigurationCommand({ FunctionName: fn.arn }),
    onValue: (fn, output) => {
      if (output.State) fn.state = output.State;
    },
  }),
  read({
    operation: "lambda:ListTags",
    wantedWith: "lambda:GetFunction",
    command: (fn) => new ListTagsCommand({ Resource: fn.arn }),
    onValue: (fn, output) => {
      fn.tags = output.Tags ?? {};
    },
  }),
  read({
    operation: "lambda:GetFunctionConcurrency",
    wantedWith: "lambda:GetFunction",
    command: (fn) => new GetFunctionConcurrencyCommand({ FunctionName: fn.arn }),
    onValue: (fn, output) => {
      fn.reservedConcurrency = output.ReservedConcurrentExecutions ?? null;
    },
  }),
];

/**
 * The per-function reads beyond ListFunctions, in the order they are started (which is the order
 * they queue for their rate tokens).
 */
export const FUNCTION_READS: readonly FunctionRead[] = [
  read({
    operation: "lambda:GetFunction",
    command: (fn) => new GetFunctionCommand({ FunctionName: fn.arn }),
    // The code location (a presigned URL) is ignored: the code is never downloaded.
    onValue: (fn, output) => {
      fn.tags = output.Tags ?? {};
      fn.reservedConcurrency = output.Concurrency?.ReservedConcurrentExecutions ?? null;
      // A zip function has no image: null (read, and none), like an image function AWS named none for.
      fn.imageUri = output.Code?.ImageUri ?? null;
      // No SourceKMSKeyArn: the .zip package is encrypted with an AWS owned key (images have none).
      fn.sourceKmsKeyArn = output.Code?.SourceKMSKeyArn ?? null;
      if (output.Configuration?.State) fn.state = output.Configuration.State;
    },
    // No onNotFound: the function was listed a moment ago, so "not found" means it vanished
    // between listing and reading, and what it had is unknown (a gap).
    fallback: FALLBACK_READS,
  }),
  read({
    operation: "lambda:GetPolicy",
    command: (fn) => new GetPolicyCommand({ FunctionName: fn.arn }),
    onValue: (fn, output, problems) => {
      const policy = resourcePolicyFrom(output.Policy, problems);
      if (policy !== undefined) fn.resourcePolicy = policy;
    },
    // GetPolicy answers ResourceNotFoundException when a function has no policy: that is null, not a gap.
    onNotFound: (fn) => {
      fn.resourcePolicy = null;
    },
  }),
  read({
    operation: "lambda:GetFunctionUrlConfig",
    command: (fn) => new GetFunctionUrlConfigCommand({ FunctionName: fn.arn }),
    onValue: (fn, url, problems) => {
      const stored = functionUrlFrom(url, problems);
      if (stored) fn.url = stored;
    },
    // No function URL configured.
    onNotFound: (fn) => {
      fn.url = null;
    },
  }),
  read({
    operation: "lambda:GetRuntimeManagementConfig",
    command: (fn) => new GetRuntimeManagementConfigCommand({ FunctionName: fn.arn }),
    // Container images bring their own runtime: there is no runtime management configuration.
    when: (fn) => fn.packageType !== "Image",
    instead: (fn) => {
      fn.runtimeManagement = null;
    },
    onValue: (fn, output, problems) => {
      const mode = output.UpdateRuntimeOn;
      if (mode === undefined) return problems.missing("UpdateRuntimeOn");
      if (mode !== "Auto" && mode !== "FunctionUpdate" && mode !== "Manual") return problems.unexpected("UpdateRuntimeOn");
      fn.runtimeManagement = { updateRuntimeOn: mode, runtimeVersionArn: output.RuntimeVersionArn ?? null };
    },
    onNotFound: (fn) => {
      fn.runtimeManagement = null;
    },
  }),
  read({
    operation: "lambda:GetFunctionEventInvokeConfig",
    command: (fn) => new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.arn }),
    // A function with a dead-letter queue already handles failed asynchronous events; its
    // destinations cannot change any check's answer, so the call is skipped (DESIGN section 9).
    when: (fn) => !fn.deadLetterTargetArn,
    onValue: (fn, output) => {
      fn.eventInvokeConfig = {
        maximumRetryAttempts: output.MaximumRetryAttempts ?? null,
        maximumEventAgeInSeconds: output.MaximumEventAgeInSeconds ?? null,
        onSuccessDestination: output.DestinationConfig?.OnSuccess?.Destination ?? null,
        onFailureDestination: output.DestinationConfig?.OnFailure?.Destination ?? null,
      };
    },
    // No asynchronous invocation configuration: Lambda's defaults apply.
    onNotFound: (fn) => {
      fn.eventInvokeConfig = null;
    },
  }),
  read({
    operation: "lambda:GetFunctionRecursionConfig",
    command: (fn) => new GetFunctionRecursionConfigCommand({ FunctionName: fn.arn }),
    onValue: (fn, output, problems) => {
      // "By default, Lambda sets your function's configuration to Terminate."
      // https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionRecursionConfig.html
      const loop = output.RecursiveLoop ?? "Terminate";
      if (loop === "Allow" || loop === "Terminate") fn.recursiveLoop = loop;
      else problems.unexpected("RecursiveLoop");
    },
  }),
];

/**
 * Starts every read of `reads` that a selected check wants for `fn`, all at once (each waits for its
 * own rate token), and stores what each answers. Failures are already gaps (CollectContext.call).
 * Returns one promise per read started, in table order.
 */
export function startFunctionReads(
  ctx: CollectContext,
  client: LambdaClient,
  fn: LambdaFunction,
  reads: readonly FunctionRead[] = FUNCTION_READS,
): Promise<void>[] {
  const target: CallTarget & { resourceArn: string } = { service: "lambda", region: fn.region, resourceArn: fn.arn };
  const started: Promise<void>[] = [];
  for (const entry of reads) {
    if (!ctx.wants(entry.operation) && !(entry.wantedWith !== undefined && ctx.wants(entry.wantedWith))) continue;
    if (entry.when && !entry.when(fn)) {
      entry.instead?.(fn);
      continue;
    }
    started.push(
      (async () => {
        const outcome = await ctx.call(client, entry.command(fn), target, { notFound: entry.onNotFound ? "none" : "gap" });
        if (outcome.ok) entry.onValue(fn, outcome.value, answerProblems(ctx, target, operationName(entry.operation)));
        else if (outcome.notFound) entry.onNotFound?.(fn);
        else if (entry.fallback) await runFallback(ctx, client, fn, entry.fallback);
      })(),
    );
  }
  return started;
}

async function runFallback(ctx: CollectContext, client: LambdaClient, fn: LambdaFunction, reads: readonly FunctionRead[]): Promise<void> {
  await Promise.all(startFunctionReads(ctx, client, fn, reads));
}

/** `lambda:GetPolicy` -> `GetPolicy`, as gaps name operations. */
function operationName(operation: string): string {
  return operation.slice(operation.indexOf(":") + 1);
}
