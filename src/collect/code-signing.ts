import { ListCodeSigningConfigsCommand, ListFunctionsByCodeSigningConfigCommand, type LambdaClient } from "@aws-sdk/client-lambda";
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
          if (!config.CodeSigningConfigArn) continue;
          // No policy in the answer is Lambda's default, Warn; anything else AWS may add is a gap.
          const enforcement = config.CodeSigningPolicies?.UntrustedArtifactOnDeployment ?? "Warn";
          const known = enforcement === "Enforce" || enforcement === "Warn";
          if (!known) {
            const target = { service: "lambda" as const, region, resourceArn: config.CodeSigningConfigArn };
            answerProblems(ctx, target, "ListCodeSigningConfigs").unexpected("UntrustedArtifactOnDeployment");
          }
          configs.push({
            arn: config.CodeSigningConfigArn,
            ...(known ? { untrustedArtifactOnDeployment: enforcement } : {}),
            allowedPublisherArns: config.AllowedPublishers?.SigningProfileVersionArns ?? [],
          });
        }
      },
      notFound: "gap",
    },
  );
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
