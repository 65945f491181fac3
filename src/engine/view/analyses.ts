import { DUAL_PERMISSION_START } from "../../data/function-url-auth.js";
import { runtimeLifecycle, type RuntimeLifecycle, type RuntimeOverride } from "../../data/runtimes.js";
import {
  analyseRolePermissions,
  analyseTrustPolicy,
  classifyResourcePolicy,
  PolicyParseError,
  type AccountContext,
  type ActionCatalogue,
  type ResourcePolicyAnalysis,
  type RolePermissionAnalysis,
  type TargetBoundary,
  type TrustPolicyAnalysis,
} from "../../policy/index.js";
import type { LambdaFunction, LayerVersion, ManagedPolicy, Role } from "../../snapshot/schema.js";
import { pass, unknown, type CheckOutcome } from "../check.js";
import { escalationTargets } from "./escalation-targets.js";

/**
 * "An analysis, or the result a check gives when there is nothing to analyse": the one idiom every
 * view lookup answers with. `if (!lookup.ok) return lookup.result;`
 */
export type Lookup<T, R extends string> = { ok: true; value: T } | { ok: false; result: CheckOutcome<R> };

/**
 * The reasons a lookup can answer with, and their sentences. A check that uses a lookup spreads its
 * reasons into its own (`reasons: { ...FUNCTION_POLICY_REASONS, ... }`), so docs list them with the check.
 */
export const FUNCTION_POLICY_REASONS = {
  policyNotRead: "The function's resource policy was not read.",
  noResourcePolicy: "The function has no resource-based policy.",
  policyUnparseable: "The function's resource policy could not be interpreted.",
} as const;
export const LAYER_POLICY_REASONS = {
  policyNotRead: "The layer version's policy was not read.",
  noLayerPolicy: "The layer version is not shared.",
  policyUnparseable: "The layer version's policy could not be interpreted.",
} as const;
export const TRUST_POLICY_REASONS = {
  trustPolicyNotRead: "The role's trust policy was not read.",
  trustPolicyUnparseable: "The role's trust policy could not be interpreted.",
} as const;
export const ROLE_POLICY_REASONS = {
  policiesNotRead: "Some of the role's policies were not read.",
  policyUnparseable: "A policy of the role could not be interpreted.",
} as const;

type ReasonOf<T> = keyof T & string;

/** What has a Lambda resource policy and may have a function URL: a function, an alias, a version. */
export type PolicyHolder = Pick<LambdaFunction, "region" | "resourcePolicy" | "url">;

/** What the analyses need from the view they belong to. */
export interface AnalysisContext {
  accountId: string;
  trustedAccountIds: readonly string[];
  /** The account's organisation: id, null (in none) or undefined (not known). */
  organizationId: string | null | undefined;
  /** The snapshot's collection time: dated AWS behaviour (function URL permissions) is judged at it. */
  collectedAt: string;
  functions: readonly LambdaFunction[];
  role(arn: string): Role | undefined;
  functionByArn(arn: string): LambdaFunction | undefined;
  /** Was the region's function inventory read completely? */
  functionInventoryComplete(region: string): boolean;
  policy(arn: string): ManagedPolicy | undefined;
  runtimeOverrides: readonly RuntimeOverride[];
  catalogue: ActionCatalogue;
  policiesOfRole(role: Role): {
    managedPolicies: ManagedPolicy[];
    missingManagedPolicyArns: string[];
    permissionsBoundary: ManagedPolicy | null | undefined;
  };
}

function parseOrUnknown<T, R extends string>(analyse: () => T, reason: R): Lookup<T, R> {
  try {
    return { ok: true, value: analyse() };
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    return { ok: false, result: unknown(reason, { error: error.message }) };
  }
}

/**
 * The policy and runtime analyses of one evaluation, each computed once per resource and kept as long
 * as the view that owns them: a second evaluation, with other settings, starts afresh.
 */
export class Analyses {
  private readonly functionPolicies = new Map<PolicyHolder, Lookup<ResourcePolicyAnalysis, ReasonOf<typeof FUNCTION_POLICY_REASONS>>>();
  private readonly layerPolicies = new Map<LayerVersion, Lookup<ResourcePolicyAnalysis, ReasonOf<typeof LAYER_POLICY_REASONS>>>();
  private readonly trustPolicies = new Map<Role, Lookup<TrustPolicyAnalysis, ReasonOf<typeof TRUST_POLICY_REASONS>>>();
  private readonly rolePermissions = new Map<Role, Lookup<RolePermissionAnalysis, ReasonOf<typeof ROLE_POLICY_REASONS>>>();
  private readonly runtimes = new Map<string, RuntimeLifecycle | undefined>();
  private readonly boundaries = new Map<string, RolePermissionAnalysis | undefined>();
  private regionsWithEarlyUrls: ReadonlySet<string> | undefined;

  constructor(private readonly ctx: AnalysisContext) {}

  private cached<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  private accountContext(): AccountContext {
    return { accountId: this.ctx.accountId, trustedAccountIds: [...this.ctx.trustedAccountIds], organizationId: this.ctx.organizationId };
  }

  /**
   * Regions where a function URL of the snapshot was created before October 2025: the account holds the
   * legacy exception there (AWS granted it per account and region).
   */
  private hadEarlierUrl(region: string): boolean {
    if (!this.regionsWithEarlyUrls) {
      const early = (url: LambdaFunction["url"]) => (url?.creationTime ?? "9999") < DUAL_PERMISSION_START;
      this.regionsWithEarlyUrls = new Set(
        this.ctx.functions.filter((fn) => early(fn.url) || (fn.aliases ?? []).some((alias) => early(alias.url))).map((fn) => fn.region),
      );
    }
    return this.regionsWithEarlyUrls.has(region);
  }

  /**
   * "Who can invoke this function?" from its resource policy, judged with the function URL's auth type
   * (undefined when the URL was not read: the analysis then assumes the URL may be open), its creation
   * time and the snapshot's time (which function URL permission rule applies). Not read is unknown; no
   * policy is a pass (nobody outside IAM can invoke); an unparseable one is unknown.
   */
  functionPolicy(fn: PolicyHolder): Lookup<ResourcePolicyAnalysis, ReasonOf<typeof FUNCTION_POLICY_REASONS>> {
    return this.cached(this.functionPolicies, fn, () => {
      if (fn.resourcePolicy === undefined) return { ok: false, result: unknown("policyNotRead") };
      if (fn.resourcePolicy === null) return { ok: false, result: pass("noResourcePolicy", { resourcePolicy: null }) };
      const document = fn.resourcePolicy;
      const functionUrlAuthType = fn.url === undefined ? undefined : (fn.url?.authType ?? null);
      const context = {
        ...this.accountContext(),
        functionUrlAuthType,
        functionUrlCreationTime: fn.url?.creationTime,
        collectedAt: this.ctx.collectedAt,
        accountRegionHadEarlierUrl: this.hadEarlierUrl(fn.region),
      };
      return parseOrUnknown(() => classifyResourcePolicy(document, context), "policyUnparseable");
    });
  }

  /** Who may use a layer version of the account, from its layer version policy. */
  layerPolicy(layer: LayerVersion): Lookup<ResourcePolicyAnalysis, ReasonOf<typeof LAYER_POLICY_REASONS>> {
    return this.cached(this.layerPolicies, layer, () => {
      if (layer.policy === undefined) return { ok: false, result: unknown("policyNotRead") };
      if (layer.policy === null) return { ok: false, result: pass("noLayerPolicy", { policy: null }) };
      const document = layer.policy;
      return parseOrUnknown(() => classifyResourcePolicy(document, { ...this.accountContext(), collectedAt: this.ctx.collectedAt }), "policyUnparseable");
    });
  }

  /** Who can assume a role, from its trust policy. */
  trustPolicy(role: Role): Lookup<TrustPolicyAnalysis, ReasonOf<typeof TRUST_POLICY_REASONS>> {
    return this.cached(this.trustPolicies, role, () => {
      if (role.trustPolicy === undefined) return { ok: false, result: unknown("trustPolicyNotRead") };
      const document = role.trustPolicy;
      return parseOrUnknown(() => analyseTrustPolicy(document, this.accountContext()), "trustPolicyUnparseable");
    });
  }

  /** What a role's policies let it do, or which of them were not read. */
  rolePermissionsOf(role: Role): Lookup<RolePermissionAnalysis, ReasonOf<typeof ROLE_POLICY_REASONS>> {
    return this.cached(this.rolePermissions, role, () => {
      const notRead: string[] = [];
      if (role.attachedPolicyArns === undefined) notRead.push("attachedPolicyArns");
      if (role.inlinePolicies === undefined) notRead.push("inlinePolicies");
      if (role.permissionsBoundaryArn === undefined) notRead.push("permissionsBoundaryArn");
      const policies = this.ctx.policiesOfRole(role);
      notRead.push(...policies.missingManagedPolicyArns);
      for (const policy of policies.managedPolicies) if (policy.document === undefined) notRead.push(policy.arn);
      for (const inline of role.inlinePolicies ?? []) if (inline.document === undefined) notRead.push(`inline:${inline.name}`);
      if (role.permissionsBoundaryArn && (policies.permissionsBoundary === undefined || policies.permissionsBoundary?.document === undefined)) {
        notRead.push(role.permissionsBoundaryArn);
      }
      if (notRead.length > 0) return { ok: false, result: unknown("policiesNotRead", { notRead }) };
      const boundaryArn = role.permissionsBoundaryArn;
      return parseOrUnknown(
        () =>
          analyseRolePermissions(
            {
              inlinePolicies: (role.inlinePolicies ?? []).map((inline) => ({ name: inline.name, document: inline.document })),
              managedPolicies: policies.managedPolicies.map((policy) => ({ arn: policy.arn, name: policy.name, document: policy.document })),
              permissionsBoundary: policies.permissionsBoundary && boundaryArn ? { arn: boundaryArn, document: policies.permissionsBoundary.document } : null,
            },
            this.ctx.catalogue,
            {
              account: this.accountContext(),
              targets: escalationTargets(role.arn, {
                accountId: this.ctx.accountId,
                functions: this.ctx.functions,
                role: (arn) => this.ctx.role(arn),
                functionByArn: (arn) => this.ctx.functionByArn(arn),
                functionInventoryComplete: (region) => this.ctx.functionInventoryComplete(region),
                permissionsOf: (target) => {
                  const lookup = this.rolePermissionsOf(target);
                  return lookup.ok ? lookup.value : undefined;
                },
                boundaryOf: (target) => this.boundaryOf(target),
              }),
            },
          ),
        "policyUnparseable",
      );
    });
  }

  /**
   * A role's permissions boundary, its document analysed as the only policy of a role: the most a
   * policy written to that role can grant. null: no boundary; undefined: not read.
   */
  private boundaryOf(role: Role): TargetBoundary | null | undefined {
    const arn = role.permissionsBoundaryArn;
    if (arn === undefined || arn === null) return arn;
    const policy = this.ctx.policy(arn);
    if (policy?.document === undefined) return undefined;
    const document = policy.document;
    return {
      arn,
      analysis: () =>
        this.cached(this.boundaries, arn, () => {
          const lookup = parseOrUnknown(() => analyseRolePermissions({ inlinePolicies: [], managedPolicies: [{ arn, name: policy.name, document }] }, this.ctx.catalogue, { account: this.accountContext() }), "policyUnparseable");
          return lookup.ok ? lookup.value : undefined;
        }),
    };
  }

  /** A runtime's deprecation and block dates, with the configured overrides applied. */
  runtimeLifecycle(runtime: string): RuntimeLifecycle | undefined {
    return this.cached(this.runtimes, runtime, () => runtimeLifecycle(runtime, this.ctx.runtimeOverrides));
  }
}
