import type { ActionCatalogue } from "./actions.js";
import { CREDENTIAL_RETURNING_ACTIONS, DATA_EXFILTRATION_ACTIONS, ESCALATION_PATHS, type ActionRequirement } from "./capability-catalogue.js";
import { isBareWildcard } from "./match.js";
import { parsePolicyDocument, PolicyParseError, type ParsedPolicy, type ParsedStatement, type StatementRef } from "./parse.js";
import { parseArn } from "../arn.js";

/**
 * "What can this role do?" from its identity policies and permissions boundary, at the level of actions.
 *
 * Model (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 *   effective = (union of Allow in inline + managed) − (unconditional Deny on Resource "*") ∩ (boundary Allow)
 * Denies that carry a Condition or name specific resources may not apply to every request, so they do not
 * subtract; they are listed in `partialDenies`. Allows are counted whatever their conditions and resources
 * (each grant says whether it is conditional and on which resources), so the result over-approximates:
 * the safe side for a posture scanner. Service control policies and session policies are not visible here.
 */

export interface RolePolicyInput {
  inlinePolicies: { name: string; document: unknown }[];
  managedPolicies: { arn: string; name: string; document: unknown }[];
  permissionsBoundary?: { arn: string; document: unknown } | null;
}

export interface PolicySource {
  kind: "inline" | "managed" | "boundary";
  name: string;
  arn: string | null;
}

/** One statement that grants (or denies) something, named so a finding can quote it. */
export interface Grant {
  policy: PolicySource;
  statement: StatementRef;
  resources: string[] | null;
  notResources: string[] | null;
  /** Resource `*` (or a whole-type wildcard such as `arn:aws:iam::*:role/*`), or NotResource. */
  onAnyResource: boolean;
  conditional: boolean;
}

export interface Capability {
  action: string;
  grants: Grant[];
}

export interface EscalationPath {
  id: string;
  description: string;
  /** For each action involved, the statements granting it. */
  actions: Capability[];
}

export type AdminReason = "actionWildcardOnAnyResource" | "notActionAllowsNearlyEverything" | "wholeCatalogue";

export interface PartialDeny {
  grant: Grant;
  reason: "conditional" | "resourceScoped" | "notResource";
}

export interface RolePermissionAnalysis {
  catalogueSize: number;
  /** Catalogue actions the role can perform after Deny and boundary. */
  effectiveActionCount: number;
  isAdmin: boolean;
  adminReasons: { reason: AdminReason; grant: Grant | null }[];
  /** Allow statements with Action `*` or `service:*`. */
  wildcardActionGrants: { pattern: string; grant: Grant }[];
  notActionAllows: { notActions: string[]; allowedActionCount: number; grant: Grant }[];
  /** Grants of iam:PassRole on any role; empty when there are none. */
  passRoleOnAnyResource: Grant[];
  privilegeEscalationPaths: EscalationPath[];
  dataExfiltrationOnAnyResource: Capability[];
  credentialReturningActions: Capability[];
  partialDenies: PartialDeny[];
  boundaryApplied: boolean;
  /** Can the role perform this action (on some resource, under some condition)? */
  isAllowed(action: string): boolean;
  /** The identity-policy statements that grant this action, when it is effective. */
  grantsFor(action: string): Grant[];
}

interface ExpandedStatement {
  grant: Grant;
  statement: ParsedStatement;
  actions: ReadonlySet<string>;
}

/** Managed policies are shared by many roles and stored once in the snapshot: parse each object once. */
const parsedDocuments = new WeakMap<object, ParsedPolicy>();

function parseCached(document: unknown, label: string): ParsedPolicy {
  const cached = typeof document === "object" && document !== null ? parsedDocuments.get(document) : undefined;
  if (cached !== undefined) return cached;
  let parsed: ParsedPolicy;
  try {
    parsed = parsePolicyDocument(document);
  } catch (error) {
    if (error instanceof PolicyParseError) throw new PolicyParseError(error.code, `${label}: ${error.message}`, error.path);
    throw error;
  }
  if (typeof document === "object" && document !== null) parsedDocuments.set(document, parsed);
  return parsed;
}

// `*`, `arn:aws:s3:::*`, `arn:aws:s3:::*` with `/*` (every object), `arn:aws:iam::*:role/*`, `arn:aws:iam::123456789012:role/*`.
function isAnyResource(value: string): boolean {
  if (isBareWildcard(value)) return true;
  const arn = parseArn(value);
  return arn !== undefined && /^([\w-]+[/:])?\*(\/\*)?$/.test(arn.resource);
}

function grantOf(policy: PolicySource, statement: ParsedStatement): Grant {
  return {
    policy,
    statement: { index: statement.index, sid: statement.sid },
    resources: statement.resource,
    notResources: statement.notResource,
    onAnyResource: statement.notResource !== null || (statement.resource ?? []).some(isAnyResource),
    conditional: statement.conditions.length > 0,
  };
}

/**
 * Services whose actions can act on a statement's resources, or null when any can (`*`, NotResource,
 * a wildcard service). An Allow of `NotAction: iam:*` on `arn:aws:s3:::exports/*` grants s3 object
 * actions, not lambda:UpdateFunctionCode: an action only applies to resources of its own service.
 * STS is the one service whose actions name another's resources (sts:AssumeRole on an IAM role ARN).
 */
function servicesAddressed(statement: ParsedStatement): Set<string> | null {
  if (statement.notResource !== null || statement.resource === null) return null;
  const services = new Set<string>();
  for (const resource of statement.resource) {
    const arn = parseArn(resource);
    if (arn === undefined || arn.service === "" || /[*?]/.test(arn.service)) return null;
    services.add(arn.service);
    if (arn.service === "iam") services.add("sts");
  }
  return services;
}

function restrictToServices(actions: ReadonlySet<string>, services: Set<string> | null): ReadonlySet<string> {
  if (services === null) return actions;
  const restricted = new Set<string>();
  for (const action of actions) if (services.has(action.slice(0, action.indexOf(":")))) restricted.add(action);
  return restricted;
}

function expandStatement(statement: ParsedStatement, catalogue: ActionCatalogue): ReadonlySet<string> {
  if (statement.effect === "Allow") return restrictToServices(expandActions(statement, catalogue), servicesAddressed(statement));
  return expandActions(statement, catalogue);
}

function expandActions(statement: ParsedStatement, catalogue: ActionCatalogue): ReadonlySet<string> {
  if (statement.notAction !== null) return catalogue.complement(statement.notAction);
  const patterns = statement.action ?? [];
  if (patterns.length === 1 && patterns[0] !== undefined) return catalogue.expand(patterns[0]);
  const union = new Set<string>();
  for (const pattern of patterns) for (const action of catalogue.expand(pattern)) union.add(action);
  return union;
}

function isServiceWildcard(pattern: string): boolean {
  const separator = pattern.indexOf(":");
  return isBareWildcard(pattern) || (separator > 0 && isBareWildcard(pattern.slice(separator + 1)));
}

class RoleAnalyser {
  readonly allows: ExpandedStatement[] = [];
  readonly fullDenies: ExpandedStatement[] = [];
  readonly boundaryAllows: ExpandedStatement[] = [];
  readonly partialDenies: PartialDeny[] = [];
  boundaryApplied = false;

  constructor(readonly catalogue: ActionCatalogue) {}

  add(source: PolicySource, document: unknown): void {
    const label = source.kind === "inline" ? `inline policy ${source.name}` : `${source.kind} policy ${source.arn ?? source.name}`;
    for (const statement of parseCached(document, label).statements) {
      const expanded: ExpandedStatement = { grant: grantOf(source, statement), statement, actions: expandStatement(statement, this.catalogue) };
      if (statement.effect === "Allow") {
        (source.kind === "boundary" ? this.boundaryAllows : this.allows).push(expanded);
      } else if (statement.conditions.length > 0) {
        this.partialDenies.push({ grant: expanded.grant, reason: "conditional" });
      } else if (statement.notResource !== null) {
        this.partialDenies.push({ grant: expanded.grant, reason: "notResource" });
      } else if ((statement.resource ?? []).some(isBareWildcard)) {
        this.fullDenies.push(expanded);
      } else {
        this.partialDenies.push({ grant: expanded.grant, reason: "resourceScoped" });
      }
    }
  }

  isAllowed = (action: string): boolean => this.isAllowedCanonical(this.catalogue.canonical(action));

  private isAllowedCanonical(name: string): boolean {
    if (!this.allows.some((item) => item.actions.has(name))) return false;
    if (this.fullDenies.some((item) => item.actions.has(name))) return false;
    return !this.boundaryApplied || this.boundaryAllows.some((item) => item.actions.has(name));
  }

  grantsFor = (action: string): Grant[] => {
    if (!this.isAllowed(action)) return [];
    const name = this.catalogue.canonical(action);
    return this.allows.filter((item) => item.actions.has(name)).map((item) => item.grant);
  };

  capability(action: string, onAnyResource: boolean): Capability {
    const grants = this.grantsFor(action).filter((grant) => !onAnyResource || grant.onAnyResource);
    return { action: this.catalogue.canonical(action), grants };
  }

  /** Count effective actions, walking only the allowed candidates when they are few. */
  countEffective(): number {
    const { catalogue } = this;
    // Nothing subtracts and one statement covers the whole catalogue (Action "*"): no walk needed.
    if (this.fullDenies.length === 0 && !this.boundaryApplied && this.allows.some((item) => item.actions.size >= catalogue.size)) return catalogue.size;
    const large = this.allows.some((item) => item.actions.size > 2000);
    let count = 0;
    if (large) {
      for (const action of catalogue.actions) if (this.isAllowedCanonical(action)) count += 1;
      return count;
    }
    const candidates = new Set<string>();
    for (const item of this.allows) for (const action of item.actions) candidates.add(action);
    for (const action of candidates) if (catalogue.has(action) && this.isAllowedCanonical(action)) count += 1;
    return count;
  }
}

function requirementMet(analyser: RoleAnalyser, requirement: ActionRequirement): Capability[] {
  return requirement.anyOf.map((action) => analyser.capability(action, requirement.onAnyResource ?? false)).filter((item) => item.grants.length > 0);
}

function escalationPaths(analyser: RoleAnalyser): EscalationPath[] {
  const paths: EscalationPath[] = [];
  for (const definition of ESCALATION_PATHS) {
    const met = definition.requires.map((requirement) => requirementMet(analyser, requirement));
    if (met.every((capabilities) => capabilities.length > 0)) {
      paths.push({ id: definition.id, description: definition.description, actions: met.flat() });
    }
  }
  return paths;
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

/**
 * Analyse a role's effective permissions. The catalogue comes from `loadActionCatalogue()` (load it once
 * and pass it to every call; expansion is cached inside it).
 * @throws PolicyParseError naming the policy when a document is not a policy.
 */
export function analyseRolePermissions(input: RolePolicyInput, catalogue: ActionCatalogue): RolePermissionAnalysis {
  const analyser = new RoleAnalyser(catalogue);
  for (const policy of input.inlinePolicies) analyser.add({ kind: "inline", name: policy.name, arn: null }, policy.document);
  for (const policy of input.managedPolicies) analyser.add({ kind: "managed", name: policy.name, arn: policy.arn }, policy.document);
  const boundary = input.permissionsBoundary ?? null;
  if (boundary !== null) {
    analyser.boundaryApplied = true;
    analyser.add({ kind: "boundary", name: boundary.arn.split("/").pop() ?? boundary.arn, arn: boundary.arn }, boundary.document);
  }
  const effectiveActionCount = analyser.countEffective();
  const reasons = adminReasons(analyser, effectiveActionCount);
  return {
    catalogueSize: catalogue.size,
    effectiveActionCount,
    isAdmin: reasons.length > 0,
    adminReasons: reasons,
    wildcardActionGrants: analyser.allows.flatMap((item) => (item.statement.action ?? []).filter(isServiceWildcard).map((pattern) => ({ pattern, grant: item.grant }))),
    notActionAllows: analyser.allows
      .filter((item) => item.statement.notAction !== null)
      .map((item) => ({ notActions: item.statement.notAction ?? [], allowedActionCount: item.actions.size, grant: item.grant })),
    passRoleOnAnyResource: analyser.capability("iam:PassRole", true).grants,
    privilegeEscalationPaths: escalationPaths(analyser),
    dataExfiltrationOnAnyResource: DATA_EXFILTRATION_ACTIONS.map((action) => analyser.capability(action, true)).filter((item) => item.grants.length > 0),
    credentialReturningActions: CREDENTIAL_RETURNING_ACTIONS.map((action) => analyser.capability(action, false)).filter((item) => item.grants.length > 0),
    partialDenies: analyser.partialDenies,
    boundaryApplied: analyser.boundaryApplied,
    isAllowed: analyser.isAllowed,
    grantsFor: analyser.grantsFor,
  };
}
