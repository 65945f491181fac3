import { ListFunctionsCommand, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";
import type { ClassifiedAwsError } from "../aws/errors.js";
import type { EventSourceMapping, LambdaFunction, LayerVersion } from "../snapshot/schema.js";
import { collectAliases } from "./aliases.js";
import { answerProblems } from "./answers.js";
import { applyCodeSigning, collectCodeSigningIndex, readCodeSigningPerFunction, type CodeSigningIndex } from "./code-signing.js";
import type { CollectContext, PageStatus } from "./context.js";
import { collectEventSourceMappings } from "./event-source-mappings.js";
import { classifyEnvironment, fromConfiguration } from "./function-configuration.js";
import { startFunctionReads } from "./function-reads.js";
import { LayerVersionReads } from "./layers.js";

/** ListFunctions returns at most 50 functions a page. */
const FUNCTIONS_PAGE_SIZE = 50;

export interface LambdaRegionResult {
  region: string;
  functions: LambdaFunction[];
  /** Undefined (not read) when ListEventSourceMappings was not wanted or its first page failed. */
  eventSourceMappings: EventSourceMapping[] | undefined;
  /** Undefined (not read) when GetLayerVersionPolicy was not wanted or the functions could not be listed. */
  layerVersions: LayerVersion[] | undefined;
  /** How the ListFunctions listing ended; `failed` means the region could not be read at all. */
  listing: PageStatus;
  /** The error of a failed listing, to tell an unreachable region from a denied one. */
  listingError?: ClassifiedAwsError;
}

export interface LambdaHooks {
  /** Called with each execution role ARN as soon as a function using it is listed (for IAM). */
  onRole?: (roleArn: string) => void;
}

/**
 * Lambda, per region: ListFunctions (pages of 50) and, per function, the reads the selected checks
 * need (function-reads.ts). GetFunction (100/s quota) supplies tags and reserved concurrency; when it
 * is denied (SecurityAudit lacks lambda:GetFunction) ListTags and GetFunctionConcurrency take its
 * place. ListEventSourceMappings runs once per region, and so does code signing: ListCodeSigningConfigs,
 * then ListFunctionsByCodeSigningConfig per config (O(configs) calls, not one per function).
 * Functions are worked on as soon as their page arrives, within the region's concurrency bound.
 */
export async function collectLambda(ctx: CollectContext, region: string, hooks: LambdaHooks = {}): Promise<LambdaRegionResult> {
  const client = ctx.clients.lambda(region);
  const layers = new LayerVersionReads(ctx, client, region);
  const functionLimit = ctx.functionLimit(region);
  const pending: Promise<LambdaFunction>[] = [];

  const mappingsPromise = ctx.wants("lambda:ListEventSourceMappings")
    ? collectEventSourceMappings(ctx, client, region)
    : Promise.resolve(undefined);
  // Started with the first page that lists a function: a region with none (or one that cannot be
  // read at all) costs no code signing call and records no second gap.
  const wantsCodeSigning = ctx.wants("lambda:ListCodeSigningConfigs") || ctx.wants("lambda:ListFunctionsByCodeSigningConfig");
  let codeSigningPromise: Promise<CodeSigningIndex> | undefined;

  const listing = await ctx.paginate(
    client,
    (marker) => new ListFunctionsCommand({ MaxItems: FUNCTIONS_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }),
    { service: "lambda", region },
    {
      nextToken: (page) => page.NextMarker,
      onPage: (page) => {
        const configurations = (page.Functions ?? []).filter((cfg) => cfg.FunctionArn && cfg.FunctionName);
        ctx.counters.functionsListed += configurations.length;
        ctx.progress("functionsListed", { region });
        if (wantsCodeSigning && configurations.length > 0) codeSigningPromise ??= collectCodeSigningIndex(ctx, client, region);
        for (const cfg of configurations) {
          if (cfg.Role) hooks.onRole?.(cfg.Role);
          pending.push(
            functionLimit(async () => {
              const fn = await collectFunction(ctx, client, region, cfg, layers);
              ctx.counters.functionsCollected += 1;
              ctx.progress("functionCollected", { region });
              return fn;
            }),
          );
        }
      },
      notFound: "gap",
    },
  );

  const functions = await Promise.all(pending);
  if (codeSigningPromise) {
    const index = await codeSigningPromise;
    if (index.unavailable) await readCodeSigningPerFunction(ctx, client, region, functions, index.unavailable);
    else applyCodeSigning(functions, index);
  }
  const eventSourceMappings = await mappingsPromise;
  // The listing names the layer versions to read: a region that could not be listed has no list.
  const layerVersions = ctx.wants("lambda:GetLayerVersionPolicy") && listing.status !== "failed" ? await layers.all() : undefined;
  return {
    region,
    functions: functions.sort((a, b) => a.arn.localeCompare(b.arn)),
    eventSourceMappings,
    layerVersions,
    listing: listing.status,
    ...(listing.error ? { listingError: listing.error } : {}),
  };
}

/** One function: what ListFunctions said, then every wanted per-function read at once. */
async function collectFunction(
  ctx: CollectContext,
  client: LambdaClient,
  region: string,
  cfg: FunctionConfiguration,
  layers: LayerVersionReads,
): Promise<LambdaFunction> {
  const fn = fromConfiguration(cfg, region, answerProblems(ctx, { service: "lambda", region, resourceArn: cfg.FunctionArn as string }, "ListFunctions"));
  await Promise.all([
    classifyEnvironment(ctx, cfg, fn),
    ...startFunctionReads(ctx, client, fn),
    ...(ctx.wants("lambda:GetLayerVersionPolicy") ? layers.readLayersOf(fn) : []),
    ...(ctx.wants("lambda:ListAliases") ? [collectAliases(ctx, client, fn)] : []),
  ]);
  return fn;
}
