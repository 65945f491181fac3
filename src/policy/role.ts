import type { ActionCatalogue } from "./actions.js";
import { allowEntries, intersectBoundary, subtractDeny, type ReachEntry } from "./action-reach.js";
import { CREDENTIAL_RETURNING_ACTIONS, DATA_EXFILTRATION_ACTIONS, ESCALATION_PATHS, type ActionRequirement } from "./capability-catalogue.js";
import { judgeEscalationPaths, type DismissedEscalationPath, type EscalationPath, type EscalationTargets } from "./escalation.js";
import { allowStatement, denyStatement, parseCached, type Grant, type IdentityDeny, type IdentityStatement, type PartialDenyReason, type PolicySource } from "./identity-policy.js";
import { globCovers, type ResourceScope } from "./resource-match.js";
import { isBareWildcard } from "./match.js";
import { parseArn } from "../arn.js";
import type { AccountContext } from "./scope.js";

/**
 * "What can this role do, on which resources?" from its identity policies and permissions boundary.
 *
 * Model (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), per
 * (action, resource): effective = (union of the Allows of inline + managed policies) − (Denies) ∩ (boundary),
 * with the resources of each statement matched against the resource types of each action it grants
 * (action-reach.ts), so a bucket ARN never widens the iam:PassRole of the same statement.
 * - Subtracted: unconditional Denies on `*`, on every resource of a type, on named resources, with
 *   NotResource; Denies whose conditions are true for the role itself (deny-conditions.ts); Denies limited
 *   to other accounts' resources (negated aws:ResourceAccount).
 * - Reported as limited by a condition (partialDenies, reason "conditional"), not subtracted: Denies whose
 *   conditions cannot be judged (MFA, tags, source IP, ...).
 * - Conservative: Allows count whatever their conditions (each grant says whether it is conditional);
 *   overlapping patterns are kept; service control policies, resource control policies and session
 *   policies are not visible here.
 * Escalation paths are judged on their targets when the caller resolves them (escalation.ts).
 */

export type { Grant, PolicySource } from "./identity-policy.js";
export type { DismissedEscalationPath, EscalationPath, EscalationTargetJudgement, EscalationTargets, TargetBoundary, TargetFunction, TargetRole } from "./escalation.js";

export interface RolePolicyInput {
  inlinePolicies: { name: string; document: unknown }[];
  managedPolicies: { arn: string; name: string; document: unknown }[];
  permissionsBoundary?: { arn: string; document: unknown } | null;
}

export interface RoleAnalysisOptions {
  /** The role's account (and organisation): Deny conditions are judged for the role as the caller, and iam:PassRole passes roles of this account only. */
  account?: AccountContext;
  /** Resolves the roles and functions escalation paths act on; without it, paths are judged on actions and resources alone. */
  targets?: EscalationTargets;
}

export interface Capability {
  action: string;
  grants: Grant[];
  /** For capabilities on every resource: the scopes (account, region) of every resource they reach. */
  everyResource?: ResourceScope[];
}

export type AdminReason = "actionWildcardOnAnyResource" | "notActionAllowsNearlyEverything" | "wholeCatalogue";

export interface PartialDeny {
  grant: Grant;
  reason: PartialDenyReason;
}

/** The resources an action is allowed on, after Denies and the boundary. */
export interface ActionResources {
  action: string;
  allowed: boolean;
  /** Every resource of the action's type within each scope, but `except`. */
  every: { pattern: string; scope: ResourceScope; grant: Grant; except: string[]; exceptAccounts: string[] }[];
  /** Patterns naming some of its resources. */
  named: { pattern: string; grant: Grant }[];
}

export interface RolePermissionAnalysis {
  catalogueSize: number;
  /** Catalogue actions the role can perform (on some resource) after Deny and boundary. */
  effectiveActionCount: number;
  isAdmin: boolean;
  adminReasons: { reason: AdminReason; grant: Grant | null }[];
  /** Allow statements with Action `*` or `service:*`. */
  wildcardActionGrants: { pattern: string; grant: Grant }[];
  notActionAllows: { notActions: string[]; allowedActionCount: number; grant: Grant }[];
  /** Grants of iam:PassRole on every role of the role's account; empty when there are none. */
  passRoleOnAnyResource: Grant[];
  /** The scopes of those grants (`account 111122223333`, or every account). */
  passRoleScopes: ResourceScope[];
  /** Escalation paths, judged on their targets where the resolver could; computed on first read. */
  readonly privilegeEscalationPaths: EscalationPath[];
  /** Paths the role's actions allow but whose targets hold no more than the role; computed on first read. */
  readonly dismissedEscalationPaths: DismissedEscalationPath[];
  dataExfiltrationOnAnyResource: Capability[];
  credentialReturningActions: Capability[];
  partialDenies: PartialDeny[];
  boundaryApplied: boolean;
  /** Can the role perform this action (on some resource, under some condition)? */
  isAllowed(action: string): boolean;
  /** The identity-policy statements that grant this action, when it is effective. */
  grantsFor(action: string): Grant[];
  /** On which resources the role can perform this action. */
  resourcesFor(action: string): ActionResources;
  /** Every catalogue action the role can perform (plus named actions the catalogue does not know). */
  allowedActions(): string[];
}

class RoleAnalyser {
  readonly allows: IdentityStatement[] = [];
  readonly denies: IdentityDeny[] = [];
  readonly boundaryAllows: IdentityStatement[] = [];
  readonly boundaryDenies: IdentityDeny[] = [];
  readonly partialDenies: PartialDeny[] = [];
  boundaryApplied = false;
  private readonly reaches = new Map<string, ReachEntry[]>();

  constructor(
    readonly catalogue: ActionCatalogue,
    readonly account: AccountContext | undefined,
  ) {}

  add(source: PolicySource, document: unknown): void {
    const label = source.kind === "inline" ? `inline policy ${source.name}` : `${source.kind} policy ${source.arn ?? source.name}`;
    const boundary = source.kind === "boundary";
    for (const statement of parseCached(document, label).statements) {
      if (statement.effect === "Allow") {
        (boundary ? this.boundaryAllows : this.allows).push(allowStatement(source, statement, this.catalogue));
        continue;
      }
      const deny = denyStatement(source, statement, this.catalogue, this.account === undefined ? undefined : { ...this.account });
      if (deny === null) continue;
      (boundary ? this.boundaryDenies : this.denies).push(deny);
      if (deny.partialReason !== null) this.partialDenies.push({ grant: deny.grant, reason: deny.partialReason });
    }
  }

  /** Cheap answers first: most actions are decided without computing their resources. */
  private quickly(name: string): boolean | undefined {
    if (!this.allows.some((item) => item.actions.has(name))) return false;
    if (this.denies.some((item) => item.full && item.actions.has(name))) return false;
    if (this.boundaryApplied) {
      if (!this.boundaryAllows.some((item) => item.actions.has(name))) return false;
      if (this.boundaryDenies.some((item) => item.full && item.actions.has(name))) return false;
    }
    const limiting = (item: IdentityDeny) => !item.full && !item.unjudged && item.actions.has(name);
    if (this.denies.some(limiting) || (this.boundaryApplied && this.boundaryDenies.some(limiting))) return undefined;
    // A boundary that allows the action only on named resources may leave nothing of the identity's.
    const named = (item: IdentityStatement) => item.actions.has(name) && !(item.statement.resource ?? []).some(isBareWildcard);
    if (this.boundaryApplied && this.boundaryAllows.some(named)) return undefined;
    return true;
  }

  reach(name: string): ReachEntry[] {
    const cached = this.reaches.get(name);
    if (cached !== undefined) return cached;
    let entries = allowEntries(name, this.allows, this.catalogue);
    for (const deny of this.denies) entries = subtractDeny(entries, deny, name, this.catalogue);
    if (this.boundaryApplied) {
      let limits = allowEntries(name, this.boundaryAllows, this.catalogue);
      for (const deny of this.boundaryDenies) limits = subtractDeny(limits, deny, name, this.catalogue);
      entries = intersectBoundary(entries, limits);
    }
    this.reaches.set(name, entries);
    return entries;
  }

  isAllowedCanonical(name: string): boolean {
    return this.quickly(name) ?? this.reach(name).length > 0;
  }

  isAllowed = (action: string): boolean => this.isAllowedCanonical(this.catalogue.canonical(action));

  grantsFor = (action: string): Grant[] => {
    const name = this.catalogue.canonical(action);
    if (!this.isAllowedCanonical(name)) return [];
    return this.allows.filter((item) => item.actions.has(name)).map((item) => item.grant);
  };

  resourcesFor = (action: string): ActionResources => {
    const name = this.catalogue.canonical(action);
    const entries = this.isAllowedCanonical(name) ? this.reach(name) : [];
    return {
      action: name,
      allowed: entries.length > 0,
      every: entries.flatMap((item) => (item.every === null ? [] : [{ pattern: item.pattern, scope: item.every, grant: item.grant, except: item.except, exceptAccounts: item.exceptAccounts }])),
      named: entries.filter((item) => item.every === null).map((item) => ({ pattern: item.pattern, grant: item.grant })),
    };
  };

  /** The action's grants on every resource; for iam:PassRole, every role of the role's own account. */
  capability(action: string, onAnyResource: boolean): Capability {
    const name = this.catalogue.canonical(action);
    if (!onAnyResource) return { action: name, grants: this.grantsFor(name) };
    const every = this.resourcesFor(name).every.filter((item) => name !== "iam:PassRole" || this.coversOwnAccount(item));
    return { action: name, grants: unique(every.map((item) => item.grant)), everyResource: every.map((item) => item.scope) };
  }

  /**
   * iam:PassRole passes roles of the caller's account only ("You can only use the PassRole permission to
   * pass an IAM role to a service that shares the same AWS account",
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html).
   */
  private coversOwnAccount(item: ActionResources["every"][number]): boolean {
    const own = this.account?.accountId;
    if (own === undefined) return true;
    return (item.scope.account === "*" || globCovers(item.scope.account, own, false)) && !item.exceptAccounts.includes(own);
  }

  allowedActions = (): string[] => {
    const candidates = new Set<string>();
    for (const item of this.allows) for (const action of item.actions) candidates.add(action);
    return [...candidates].filter((action) => this.isAllowedCanonical(action));
  };

  /** Count effective actions, walking only the allowed candidates when they are few. */
  countEffective(): number {
    const { catalogue } = this;
    // Nothing subtracts and one statement covers the whole catalogue (Action "*"): no walk needed.
    if (this.denies.length === 0 && !this.boundaryApplied && this.allows.some((item) => item.actions.size >= catalogue.size)) return catalogue.size;
    if (this.allows.some((item) => item.actions.size > 2000)) return catalogue.actions.filter((action) => this.isAllowedCanonical(action)).length;
    return this.allowedActions().filter((action) => catalogue.has(action)).length;
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function isServiceWildcard(pattern: string): boolean {
  const separator = pattern.indexOf(":");
  return isBareWildcard(pattern) || (separator > 0 && isBareWildcard(pattern.slice(separator + 1)));
}

function adminReasons(analyser: RoleAnalyser, effectiveActionCount: number): { reason: AdminReason; grant: Grant | null }[] {
  const { catalogue } = analyser;
  // Admin means able to do everything, IAM included: a role denied any IAM action can't rewrite its
  // own permissions, so it is reported through its wildcard grants, not as admin.
  const iamActions = catalogue.expand("iam:*");
  const coversIam = [...iamActions].every((action) => analyser.isAllowed(action));
  if (!coversIam) return [];
  const reasons: { reason: AdminReason; grant: Grant | null }[] = [];
  for (const item of analyser.allows) {
    if (item.grant.conditional || !(item.statement.resource ?? []).some(isBareWildcard)) continue;
    if ((item.statement.action ?? []).some(isBareWildcard)) reasons.push({ reason: "actionWildcardOnAnyResource", grant: item.grant });
    // "Nearly everything": a NotAction that leaves all of IAM and at least 95% of the catalogue.
    else if (item.statement.notAction !== null && [...iamActions].every((action) => item.actions.has(action)) && item.actions.size >= catalogue.size * 0.95) {
      reasons.push({ reason: "notActionAllowsNearlyEverything", grant: item.grant });
    }
  }
  if (effectiveActionCount >= catalogue.size) reasons.push({ reason: "wholeCatalogue", grant: null });
  return reasons;
}

function requirementMet(analyser: RoleAnalyser, requirement: ActionRequirement): Capability[] {
  return requirement.anyOf.map((action) => analyser.capability(action, requirement.onAnyResource ?? false)).filter((item) => item.grants.length > 0);
}

/** The account of the role, from the options or from the ARN of the role the targets resolver names. */
function accountOf(options: RoleAnalysisOptions): AccountContext | undefined {
  if (options.account !== undefined) return options.account;
  const account = options.targets === undefined ? undefined : parseArn(options.targets.roleArn)?.account;
  return account !== undefined && /^\d{12}$/.test(account) ? { accountId: account } : undefined;
}

/**
 * Analyse a role's effective permissions. The catalogue comes from `loadActionCatalogue()` (load it once
 * and pass it to every call; expansion is cached inside it).
 * @throws PolicyParseError naming the policy when a document is not a policy.
 */
export function analyseRolePermissions(input: RolePolicyInput, catalogue: ActionCatalogue, options: RoleAnalysisOptions = {}): RolePermissionAnalysis {
  const analyser = new RoleAnalyser(catalogue, accountOf(options));
  for (const policy of input.inlinePolicies) analyser.add({ kind: "inline", name: policy.name, arn: null }, policy.document);
  for (const policy of input.managedPolicies) analyser.add({ kind: "managed", name: policy.name, arn: policy.arn }, policy.document);
  const boundary = input.permissionsBoundary ?? null;
  if (boundary !== null) {
    analyser.boundaryApplied = true;
    analyser.add({ kind: "boundary", name: boundary.arn.split("/").pop() ?? boundary.arn, arn: boundary.arn }, boundary.document);
  }
  const effectiveActionCount = analyser.countEffective();
  const reasons = adminReasons(analyser, effectiveActionCount);
  const passRole = analyser.capability("iam:PassRole", true);
  const actionPaths = ESCALATION_PATHS.flatMap((definition) => {
    const met = definition.requires.map((requirement) => requirementMet(analyser, requirement));
    return met.every((capabilities) => capabilities.length > 0) ? [{ definition, actions: met.flat() }] : [];
  });
  let judged: { paths: EscalationPath[]; dismissed: DismissedEscalationPath[] } | undefined;
  const analysis: RolePermissionAnalysis = {
    catalogueSize: catalogue.size,
    effectiveActionCount,
    isAdmin: reasons.length > 0,
    adminReasons: reasons,
    wildcardActionGrants: analyser.allows.flatMap((item) => (item.statement.action ?? []).filter(isServiceWildcard).map((pattern) => ({ pattern, grant: item.grant }))),
    notActionAllows: analyser.allows
      .filter((item) => item.statement.notAction !== null)
      .map((item) => ({ notActions: item.statement.notAction ?? [], allowedActionCount: item.actions.size, grant: item.grant })),
    passRoleOnAnyResource: passRole.grants,
    passRoleScopes: passRole.everyResource ?? [],
    // Escalation is judged lazily: comparing targets reads other roles' analyses, which never read this
    // one's paths, so two roles that can pass each other (A→B→A) do not recurse.
    get privilegeEscalationPaths() {
      judged ??= judgeEscalationPaths(actionPaths, analysis, options.targets, analyser.account);
      return judged.paths;
    },
    get dismissedEscalationPaths() {
      judged ??= judgeEscalationPaths(actionPaths, analysis, options.targets, analyser.account);
      return judged.dismissed;
    },
    dataExfiltrationOnAnyResource: DATA_EXFILTRATION_ACTIONS.map((action) => analyser.capability(action, true)).filter((item) => item.grants.length > 0),
    credentialReturningActions: CREDENTIAL_RETURNING_ACTIONS.map((action) => analyser.capability(action, false)).filter((item) => item.grants.length > 0),
    partialDenies: analyser.partialDenies,
    boundaryApplied: analyser.boundaryApplied,
    isAllowed: analyser.isAllowed,
    grantsFor: analyser.grantsFor,
    resourcesFor: analyser.resourcesFor,
    allowedActions: analyser.allowedActions,
  };
  return analysis;
}
