import { OPERATOR_POLICY_ARN, OPERATOR_POLICY_DOCUMENT, OPERATOR_POLICY_NAME } from "../../data/capacity-provider-operator.js";
import { analyseRolePermissions, type ActionCatalogue, type RolePermissionAnalysis } from "../../policy/index.js";
import type { CapacityProvider, DetectiveCoverage, LambdaFunction, Snapshot, Trail } from "../../snapshot/schema.js";
import { notApplicable, unknown } from "../check.js";
import type { Lookup } from "./analyses.js";
import { pushUnique } from "./api-index.js";
import { trailCoverage, type TrailCoverage } from "./trail-coverage.js";

export const CAPACITY_PROVIDER_REASONS = {
  capacityProviderConfigNotRead: "Whether the function runs on a capacity provider was not read.",
  notOnCapacityProvider: "The function does not run on a capacity provider (Lambda Managed Instances).",
  capacityProviderNotRead: "The function's capacity provider {capacityProviderArn} was not read.",
} as const;

export const DETECTIVE_COVERAGE_REASONS = {
  coverageNotRead: "The detective services of the function's region were not read.",
} as const;

/** A trail that applies to the function's region, with what it does for the function. */
export interface TrailJudgement {
  trail: Trail;
  /** undefined: the trail's selectors were not read. */
  coverage: TrailCoverage | undefined;
}

/**
 * The 2025–2026 Lambda surface of one view: capacity providers and the functions on each, the
 * operator policy AWS publishes for them, and the account's detective services per region. Built once
 * per view; its caches live and die with it.
 */
export class SurfaceIndex {
  private readonly providers: Map<string, CapacityProvider>;
  private readonly functionsByProvider = new Map<string, LambdaFunction[]>();
  private readonly providersByOperatorRole = new Map<string, CapacityProvider[]>();
  private readonly coverage: Map<string, DetectiveCoverage>;
  private operatorReference: RolePermissionAnalysis | undefined;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly catalogue: ActionCatalogue,
  ) {
    this.providers = new Map((snapshot.capacityProviders ?? []).map((provider) => [provider.arn, provider]));
    for (const fn of snapshot.functions) {
      if (fn.capacityProviderConfig) pushUnique(this.functionsByProvider, fn.capacityProviderConfig.capacityProviderArn, fn);
    }
    for (const provider of snapshot.capacityProviders ?? []) {
      if (provider.operatorRoleArn) pushUnique(this.providersByOperatorRole, provider.operatorRoleArn, provider);
    }
    this.coverage = new Map((snapshot.detectiveCoverage ?? []).map((entry) => [entry.region, entry]));
  }

  /** The capacity provider a function runs on, or the result to give when there is none to judge. */
  capacityProviderOf(fn: LambdaFunction): Lookup<CapacityProvider, keyof typeof CAPACITY_PROVIDER_REASONS> {
    const config = fn.capacityProviderConfig;
    if (config === undefined) return { ok: false, result: unknown("capacityProviderConfigNotRead") };
    if (config === null) return { ok: false, result: notApplicable("notOnCapacityProvider") };
    const provider = this.providers.get(config.capacityProviderArn);
    if (!provider) return { ok: false, result: unknown("capacityProviderNotRead", { capacityProviderArn: config.capacityProviderArn }) };
    return { ok: true, value: provider };
  }

  /** The functions of the snapshot that run on a capacity provider. */
  functionsOn(providerArn: string): readonly LambdaFunction[] {
    return this.functionsByProvider.get(providerArn) ?? [];
  }

  /** Functions running on providers whose operator role is `roleArn`: a finding on that role counts for them. */
  functionsOperatedBy(roleArn: string): string[] {
    return (this.providersByOperatorRole.get(roleArn) ?? []).flatMap((provider) => this.functionsOn(provider.arn).map((fn) => fn.arn));
  }

  /** ARNs whose gaps can change what the view says about a function's provider (the provider, its network, its operator role). */
  relatedArns(fn: LambdaFunction): string[] {
    const arn = fn.capacityProviderConfig?.capacityProviderArn;
    if (!arn) return [];
    const provider = this.providers.get(arn);
    return [arn, ...(provider?.vpc.subnetIds ?? []), ...(provider?.vpc.securityGroupIds ?? []), ...(provider?.operatorRoleArn ? [provider.operatorRoleArn] : [])];
  }

  /**
   * AWS's managed policy for capacity provider operator roles (src/data/capacity-provider-operator.ts),
   * analysed as the only policy of a role: the most an operator role needs.
   */
  operatorPolicyReference(): RolePermissionAnalysis {
    this.operatorReference ??= analyseRolePermissions(
      { inlinePolicies: [], managedPolicies: [{ arn: OPERATOR_POLICY_ARN, name: OPERATOR_POLICY_NAME, document: structuredClone(OPERATOR_POLICY_DOCUMENT) }] },
      this.catalogue,
      { account: { accountId: this.snapshot.accountId, trustedAccountIds: [] } },
    );
    return this.operatorReference;
  }

  /** The detective services of the function's region, or why they cannot be judged. */
  detectiveCoverageOf(fn: LambdaFunction): Lookup<DetectiveCoverage, keyof typeof DETECTIVE_COVERAGE_REASONS> {
    const entry = this.coverage.get(fn.region);
    return entry ? { ok: true, value: entry } : { ok: false, result: unknown("coverageNotRead") };
  }

  /** Each trail of the function's region, judged for the function's invocations (trails: undefined when not read). */
  trailsFor(fn: LambdaFunction, coverage: DetectiveCoverage): TrailJudgement[] | undefined {
    return coverage.trails?.map((trail) => ({ trail, coverage: trailCoverage(trail, fn.arn, this.snapshot.partition) }));
  }
}
