import {
  GetCapacityProviderCommand,
  ListCapacityProvidersCommand,
  type CapacityProvider as AwsCapacityProvider,
} from "@aws-sdk/client-lambda";
import type { CapacityProvider, LambdaFunction } from "../snapshot/schema.js";
import { answerProblems } from "./answers.js";
import type { CollectContext } from "./context.js";

/** ListCapacityProviders returns at most 50 providers a page. */
const PAGE_SIZE = 50;

/**
 * The capacity providers (Lambda Managed Instances) of a region: the security boundary between the
 * functions on each ("containers do not provide security isolation between workloads",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-security.html).
 *
 * ListCapacityProviders once per region with functions (its own 15/s budget, separate from Lambda's
 * other quotas), then GetCapacityProvider for each provider a function names that the listing did not
 * return (a failed or unavailable listing, a provider in another state). The checks need only the
 * providers functions run on, so they require GetCapacityProvider: a failed listing is a gap, but only
 * a provider that could not be read by either call makes its functions' results unknown (a gap on the
 * provider's ARN). Where the listing is not available at this endpoint, a note says the providers
 * were read one by one. Undefined: not read (not wanted, or no function in the region).
 */
export async function collectCapacityProviders(
  ctx: CollectContext,
  region: string,
  functions: readonly LambdaFunction[],
  onOperatorRole: (roleArn: string) => void,
): Promise<CapacityProvider[] | undefined> {
  if (!ctx.wants("lambda:GetCapacityProvider") && !ctx.wants("lambda:ListCapacityProviders")) return undefined;
  if (functions.length === 0) return undefined;
  const client = ctx.clients.lambda(region);
  const found = new Map<string, CapacityProvider>();
  const keep = (provider: AwsCapacityProvider | undefined, operation: string) => {
    const stored = provider ? capacityProviderFrom(ctx, region, provider, operation) : undefined;
    if (!stored) return;
    found.set(stored.arn, stored);
    if (stored.operatorRoleArn) onOperatorRole(stored.operatorRoleArn);
  };
  if (ctx.wants("lambda:ListCapacityProviders")) {
    const listing = await ctx.paginate(
      client,
      (marker) => new ListCapacityProvidersCommand({ MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }),
      { service: "lambda", region },
      {
        nextToken: (page) => page.NextMarker,
        onPage: (page) => (page.CapacityProviders ?? []).forEach((provider) => keep(provider, "ListCapacityProviders")),
        notFound: "gap",
        unavailable: "fallback",
      },
    );
    if (listing.status === "unavailable" && listing.error) {
      const error = listing.error;
      ctx.addNote({
        service: "lambda",
        operation: "ListCapacityProviders",
        region,
        message: `ListCapacityProviders is not available at this endpoint (${error.code}${error.status !== undefined ? `, HTTP ${error.status}` : ""}): the capacity providers functions name were read one by one with GetCapacityProvider`,
      });
    }
  }
  const named = [...new Set(functions.flatMap((fn) => (fn.capacityProviderConfig ? [fn.capacityProviderConfig.capacityProviderArn] : [])))].sort();
  if (ctx.wants("lambda:GetCapacityProvider")) {
    await Promise.all(
      named
        .filter((arn) => !found.has(arn))
        .map(async (arn) => {
          const outcome = await ctx.call(client, new GetCapacityProviderCommand({ CapacityProviderName: arn }), { service: "lambda", region, resourceArn: arn }, { notFound: "gap" });
          if (outcome.ok) keep(outcome.value?.CapacityProvider, "GetCapacityProvider");
        }),
    );
  }
  return [...found.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

/** A provider as the snapshot keeps it; one without the fields AWS always returns is a gap, not stored. */
function capacityProviderFrom(ctx: CollectContext, region: string, provider: AwsCapacityProvider, operation: string): CapacityProvider | undefined {
  const arn = provider.CapacityProviderArn;
  if (!arn) return undefined;
  const problems = answerProblems(ctx, { service: "lambda", region, resourceArn: arn }, operation);
  if (!provider.VpcConfig?.SubnetIds) {
    problems.missing("VpcConfig.SubnetIds");
    return undefined;
  }
  const requirements = provider.InstanceRequirements;
  return {
    arn,
    name: arn.slice(arn.lastIndexOf(":") + 1),
    region,
    ...(provider.State ? { state: provider.State } : {}),
    vpc: { subnetIds: [...provider.VpcConfig.SubnetIds], securityGroupIds: [...(provider.VpcConfig.SecurityGroupIds ?? [])] },
    kmsKeyArn: provider.KmsKeyArn ?? null,
    ...(provider.PermissionsConfig?.CapacityProviderOperatorRoleArn ? { operatorRoleArn: provider.PermissionsConfig.CapacityProviderOperatorRoleArn } : {}),
    ...(requirements?.Architectures ? { architectures: [...requirements.Architectures] } : {}),
    ...(requirements?.AllowedInstanceTypes ? { allowedInstanceTypes: [...requirements.AllowedInstanceTypes] } : {}),
    ...(requirements?.ExcludedInstanceTypes ? { excludedInstanceTypes: [...requirements.ExcludedInstanceTypes] } : {}),
  };
}
