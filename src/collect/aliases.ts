import { GetPolicyCommand, ListAliasesCommand, ListFunctionUrlConfigsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { LambdaFunction } from "../snapshot/schema.js";
import { answerProblems } from "./answers.js";
import type { CallTarget, CollectContext } from "./context.js";
import { functionUrlFrom, resourcePolicyFrom } from "./function-urls.js";

type Alias = NonNullable<LambdaFunction["aliases"]>[number];
type Version = NonNullable<LambdaFunction["versions"]>[number];

/** ListAliases and ListFunctionUrlConfigs return at most 50 items a page. */
const PAGE_SIZE = 50;

/**
 * A function's aliases, and the published versions they point to: each has its own resource policy
 * and (an alias) its own function URL, so a public `live` alias is exposure the unqualified function
 * does not show. https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
 *
 * Cost, per function: ListAliases (the shared 15/s budget); for a function with aliases, one
 * ListFunctionUrlConfigs (every URL of the function at once, instead of one read per alias) and one
 * GetPolicy (its own 15/s budget) per alias and per version an alias points to.
 */
export async function collectAliases(ctx: CollectContext, client: LambdaClient, fn: LambdaFunction): Promise<void> {
  const target: CallTarget & { resourceArn: string } = { service: "lambda", region: fn.region, resourceArn: fn.arn };
  const aliases: Alias[] = [];
  const listing = await ctx.paginate(client, (marker) => new ListAliasesCommand({ FunctionName: fn.arn, MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), target, {
    nextToken: (page) => page.NextMarker,
    onPage: (page) => {
      for (const alias of page.Aliases ?? []) {
        if (!alias.Name || !alias.AliasArn || !alias.FunctionVersion) continue;
        aliases.push({
          name: alias.Name,
          arn: alias.AliasArn,
          functionVersion: alias.FunctionVersion,
          additionalVersions: Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}),
        });
      }
    },
    notFound: "gap",
  });
  if (listing.status === "failed" || listing.status === "notFound") return;
  fn.aliases = aliases;
  const versions = [...new Set(aliases.flatMap((alias) => [alias.functionVersion, ...alias.additionalVersions]))]
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(a) - Number(b))
    .map((version): Version => ({ version, arn: `${fn.arn}:${version}` }));
  fn.versions = versions;
  if (aliases.length === 0) return;
  await Promise.all([
    ...aliases.map(async (alias) => {
      const policy = await readQualifiedPolicy(ctx, client, fn, alias.name, alias.arn);
      if (policy !== undefined) alias.resourcePolicy = policy;
    }),
    ...versions.map(async (version) => {
      const policy = await readQualifiedPolicy(ctx, client, fn, version.version, version.arn);
      if (policy !== undefined) version.resourcePolicy = policy;
    }),
    readAliasUrls(ctx, client, fn, aliases, target),
  ]);
}

/** GetPolicy with a Qualifier: null when the alias or version has none (not found), undefined when not read. */
async function readQualifiedPolicy(ctx: CollectContext, client: LambdaClient, fn: LambdaFunction, qualifier: string, arn: string) {
  const target: CallTarget & { resourceArn: string } = { service: "lambda", region: fn.region, resourceArn: arn };
  const outcome = await ctx.call(client, new GetPolicyCommand({ FunctionName: fn.arn, Qualifier: qualifier }), target);
  if (outcome.ok) return resourcePolicyFrom(outcome.value.Policy, answerProblems(ctx, target, "GetPolicy"));
  return outcome.notFound ? null : undefined;
}

/**
 * Every function URL of the function in one listing; an alias the complete listing does not name has
 * no URL (null). A listing that failed leaves the aliases' URLs absent (a gap on the function says why).
 */
async function readAliasUrls(ctx: CollectContext, client: LambdaClient, fn: LambdaFunction, aliases: Alias[], target: CallTarget & { resourceArn: string }) {
  const byArn = new Map(aliases.map((alias) => [alias.arn, alias]));
  const problems = answerProblems(ctx, target, "ListFunctionUrlConfigs");
  const listing = await ctx.paginate(client, (marker) => new ListFunctionUrlConfigsCommand({ FunctionName: fn.arn, MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), target, {
    nextToken: (page) => page.NextMarker,
    onPage: (page) => {
      for (const config of page.FunctionUrlConfigs ?? []) {
        const alias = config.FunctionArn ? byArn.get(config.FunctionArn) : undefined;
        if (!alias) continue;
        const url = functionUrlFrom(config, problems);
        if (url) alias.url = url;
      }
    },
    notFound: "gap",
  });
  if (listing.status !== "complete") return;
  for (const alias of aliases) if (alias.url === undefined) alias.url = null;
}
