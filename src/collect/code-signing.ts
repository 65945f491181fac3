import {
  GetCodeSigningConfigCommand,
  GetFunctionCodeSigningConfigCommand,
  ListCodeSigningConfigsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  type CodeSigningConfig as AwsCodeSigningConfig,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import type { ClassifiedAwsError } from "../aws/errors.js";
import { unqualifiedFunctionArn } from "../arn.js";
import type { LambdaFunction } from "../snapshot/schema.js";
import { answerProblems } from "./answers.js";
import type { CollectContext } from "./context.js";

/** ListCodeSigningConfigs and ListFunctionsByCodeSigningConfig return up to 10,000 items a page. */
const CODE_SIGNING_PAGE_SIZE = 10_000;

type CodeSigningConfig = NonNullable<LambdaFunction["codeSigningConfig"]>;

/** Which code signing config each function of a region uses, read per region (DESIGN section 9). */
export interface CodeSigningIndex {
  /** Unqualified function ARN -> the config whose function list names it. */
  byFunction: Map<string, CodeSigningConfig>;
  /**
   * True when every config and every config's function list was read in full: only then does a
   * function named in no list have no config (null). Otherwise its membership is unknown (absent).
   */
  complete: boolean;
  /**
   * ListCodeSigningConfigs is not available at this endpoint (an emulator, an older partition): the
   * region is read per function instead (readCodeSigningPerFunction), with a note.
   */
  unavailable?: ClassifiedAwsError;
}

/**
 * Code signing, per region: ListCodeSigningConfigs returns each config with its policy and allowed
 * publishers; ListFunctionsByCodeSigningConfig then names the functions of each config. A failure
 * of either (after the SDK's retries) is a gap, and leaves `complete` false. O(configs) calls, not
 * one per function.
 */
export async function collectCodeSigningIndex(ctx: CollectContext, client: LambdaClient, region: string): Promise<CodeSigningIndex> {
  const configs: CodeSigningConfig[] = [];
  const listing = await ctx.paginate(
    client,
    (marker) => new ListCodeSigningConfigsCommand({ MaxItems: CODE_SIGNING_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }),
    { service: "lambda", region },
    {
      nextToken: (page) => page.NextMarker,
      onPage: (page) => {
        for (const config of page.CodeSigningConfigs ?? []) {
          const stored = codeSigningConfigFrom(ctx, region, config, "ListCodeSigningConfigs");
          if (stored) configs.push(stored);
        }
      },
      notFound: "gap",
      unavailable: "fallback",
    },
  );
  if (listing.status === "unavailable") return { byFunction: new Map(), complete: false, ...(listing.error ? { unavailable: listing.error } : {}) };
  let complete = listing.status === "complete";
  const byFunction = new Map<string, CodeSigningConfig>();
  // The configs read before a failed later page are still listed: their functions are known.
  await Promise.all(
    configs.map(async (config) => {
      const result = await ctx.paginate(
        client,
        (marker) =>
          new ListFunctionsByCodeSigningConfigCommand({
            CodeSigningConfigArn: config.arn,
            MaxItems: CODE_SIGNING_PAGE_SIZE,
            ...(marker ? { Marker: marker } : {}),
          }),
        { service: "lambda", region, resourceArn: config.arn },
        {
          nextToken: (page) => page.NextMarker,
          onPage: (page) => {
            for (const arn of page.FunctionArns ?? []) byFunction.set(unqualifiedFunctionArn(arn), config);
          },
          notFound: "gap",
        },
      );
      if (result.status !== "complete") complete = false;
    }),
  );
  return { byFunction, complete };
}

/** A config as the snapshot keeps it: no policy in the answer is Lambda's default, Warn; anything else AWS may add is a gap. */
function codeSigningConfigFrom(ctx: CollectContext, region: string, config: AwsCodeSigningConfig, operation: string): CodeSigningConfig | undefined {
  if (!config.CodeSigningConfigArn) return undefined;
  const enforcement = config.CodeSigningPolicies?.UntrustedArtifactOnDeployment ?? "Warn";
  const known = enforcement === "Enforce" || enforcement === "Warn";
  if (!known) answerProblems(ctx, { service: "lambda", region, resourceArn: config.CodeSigningConfigArn }, operation).unexpected("UntrustedArtifactOnDeployment");
  return {
    arn: config.CodeSigningConfigArn,
    ...(known ? { untrustedArtifactOnDeployment: enforcement } : {}),
    allowedPublisherArns: config.AllowedPublishers?.SigningProfileVersionArns ?? [],
  };
}

/**
 * Where ListCodeSigningConfigs is not available (an emulator answers 404 or 501 for it, an older
 * partition lacks it), code signing is read the slow way: GetFunctionCodeSigningConfig per .zip
 * function (the shared 15/s budget), then GetCodeSigningConfig once per config they name, for its
 * policy. A note says so; failures of these reads are gaps as usual. Container images are left
 * unread: code signing does not apply to them.
 */
export async function readCodeSigningPerFunction(
  ctx: CollectContext,
  client: LambdaClient,
  region: string,
  functions: readonly LambdaFunction[],
  unavailable: ClassifiedAwsError,
): Promise<void> {
  ctx.addNote({
    service: "lambda",
    operation: "ListCodeSigningConfigs",
    region,
    message: `ListCodeSigningConfigs is not available at this endpoint (${unavailable.code}${unavailable.status !== undefined ? `, HTTP ${unavailable.status}` : ""}): code signing was read per function with GetFunctionCodeSigningConfig and GetCodeSigningConfig`,
  });
  const limit = ctx.functionLimit(region);
  const zipFunctions = functions.filter((fn) => fn.packageType === "Zip");
  const configArns = new Map<LambdaFunction, string | null>();
  await Promise.all(
    zipFunctions.map((fn) =>
      limit(async () => {
        const outcome = await ctx.call(client, new GetFunctionCodeSigningConfigCommand({ FunctionName: fn.arn }), { service: "lambda", region, resourceArn: fn.arn });
        // No config: an empty CodeSigningConfigArn, or not found (CodeSigningConfigNotFoundException).
        if (outcome.ok) configArns.set(fn, outcome.value.CodeSigningConfigArn ? outcome.value.CodeSigningConfigArn : null);
        else if (outcome.notFound) configArns.set(fn, null);
      }),
    ),
  );
  const configs = new Map<string, CodeSigningConfig>();
  await Promise.all(
    [...new Set([...configArns.values()].filter((arn): arn is string => arn !== null))].map(async (arn) => {
      const outcome = await ctx.call(client, new GetCodeSigningConfigCommand({ CodeSigningConfigArn: arn }), { service: "lambda", region, resourceArn: arn }, { notFound: "gap" });
      const stored = outcome.ok && outcome.value.CodeSigningConfig ? codeSigningConfigFrom(ctx, region, outcome.value.CodeSigningConfig, "GetCodeSigningConfig") : undefined;
      // Its policy unread, the function still has a config: the check says the policy is unknown.
      configs.set(arn, stored ?? { arn });
    }),
  );
  for (const [fn, arn] of configArns) {
    const config = arn === null ? null : configs.get(arn);
    fn.codeSigningConfig = config ? { ...config, ...(config.allowedPublisherArns ? { allowedPublisherArns: [...config.allowedPublisherArns] } : {}) } : null;
  }
}

/**
 * A function named by a config's list uses that config; one named by none uses none when every list
 * was read, and is left unknown (absent) otherwise: missing data is never a pass.
 */
export function applyCodeSigning(functions: LambdaFunction[], index: CodeSigningIndex): void {
  for (const fn of functions) {
    const config = index.byFunction.get(unqualifiedFunctionArn(fn.arn));
    if (config) {
      fn.codeSigningConfig = {
        ...config,
        ...(config.allowedPublisherArns ? { allowedPublisherArns: [...config.allowedPublisherArns] } : {}),
      };
    } else if (index.complete) fn.codeSigningConfig = null;
  }
}
