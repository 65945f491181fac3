import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { roleNameOf } from "../arn.js";
import type { ManagedPolicy, Role } from "../snapshot/schema.js";
import { answerProblems } from "./answers.js";
import type { CollectContext } from "./context.js";
import { decodePolicyDocument, unreadable } from "./documents.js";

const IAM_REGION = "global";

export interface IamResult {
  roles: Role[];
  managedPolicies: ManagedPolicy[];
}

/**
 * IAM is global and its quota unpublished, so every role and every managed policy is read exactly
 * once however many functions share it (IAM calls are O(roles + policies), not O(functions)). The
 * collector memoises by ARN; `addRole` may be called as soon as a function is listed, so IAM reads
 * overlap with the per-function Lambda reads.
 */
export class IamCollector {
  private readonly roles = new Map<string, Promise<Role | undefined>>();
  private readonly policies = new Map<string, Promise<ManagedPolicy>>();
  private readonly client: IAMClient;

  constructor(private readonly ctx: CollectContext) {
    this.client = ctx.clients.iam();
  }

  private get enabled(): boolean {
    return this.ctx.wants("iam:GetRole");
  }

  addRole(roleArn: string): void {
    if (!this.enabled || this.roles.has(roleArn)) return;
    this.roles.set(roleArn, this.collectRole(roleArn));
  }

  private addPolicy(policyArn: string): void {
    if (this.policies.has(policyArn) || !this.ctx.wants("iam:GetPolicy")) return;
    this.policies.set(policyArn, this.collectPolicy(policyArn));
  }

  /** Waits for every role and policy read started so far (policies are found while reading roles). */
  async finish(): Promise<IamResult> {
    const roles = (await Promise.all(this.roles.values())).filter((role): role is Role => role !== undefined);
    const managedPolicies = await Promise.all(this.policies.values());
    return {
      roles: roles.sort((a, b) => a.arn.localeCompare(b.arn)),
      managedPolicies: managedPolicies.sort((a, b) => a.arn.localeCompare(b.arn)),
    };
  }

  private target(resourceArn: string) {
    return { service: "iam" as const, region: IAM_REGION, resourceArn };
  }

  private async collectRole(roleArn: string): Promise<Role | undefined> {
    const roleName = roleNameOf(roleArn);
    if (!roleName) return undefined;
    const target = this.target(roleArn);
    // A function whose role was deleted: "not found" is recorded as a gap, because there is no field
    // to hold null and the checks about the role must say unknown rather than pass.
    const outcome = await this.ctx.call(this.client, new GetRoleCommand({ RoleName: roleName }), target, { notFound: "gap" });
    if (!outcome.ok) return undefined;
    const problems = answerProblems(this.ctx, target, "GetRole");
    const raw = outcome.value.Role;
    if (!raw?.Arn || !raw.RoleName) {
      // Without its ARN and name the answer cannot be stored as the function's role.
      problems.missing("Role");
      return undefined;
    }
    const role: Role = { arn: raw.Arn, name: raw.RoleName };
    if (raw.Path) role.path = raw.Path;
    else problems.missing("Path");
    if (raw.CreateDate) role.createDate = new Date(raw.CreateDate).toISOString();
    else problems.missing("CreateDate");
    const trust = decodePolicyDocument(raw.AssumeRolePolicyDocument);
    if (trust) role.trustPolicy = trust;
    else unreadable(this.ctx, "iam", "GetRole", IAM_REGION, roleArn);
    role.permissionsBoundaryArn = raw.PermissionsBoundary?.PermissionsBoundaryArn ?? null;
    role.lastUsed = raw.RoleLastUsed?.LastUsedDate
      ? {
          date: new Date(raw.RoleLastUsed.LastUsedDate).toISOString(),
          ...(raw.RoleLastUsed.Region ? { region: raw.RoleLastUsed.Region } : {}),
        }
      : null;
    role.tags = Object.fromEntries((raw.Tags ?? []).filter((tag) => tag.Key).map((tag) => [tag.Key as string, tag.Value ?? ""]));
    if (role.permissionsBoundaryArn) this.addPolicy(role.permissionsBoundaryArn);

    await Promise.all([
      this.ctx.wants("iam:ListAttachedRolePolicies") ? this.collectAttached(role, roleName) : undefined,
      this.ctx.wants("iam:ListRolePolicies") ? this.collectInline(role, roleName) : undefined,
    ]);
    return role;
  }

  private async collectAttached(role: Role, roleName: string): Promise<void> {
    const arns: string[] = [];
    const result = await this.ctx.paginate(
      this.client,
      (marker) => new ListAttachedRolePoliciesCommand({ RoleName: roleName, ...(marker ? { Marker: marker } : {}) }),
      this.target(role.arn),
      {
        nextToken: (page) => (page.IsTruncated ? page.Marker : undefined),
        onPage: (page) => {
          for (const policy of page.AttachedPolicies ?? []) {
            if (!policy.PolicyArn) continue;
            arns.push(policy.PolicyArn);
            this.addPolicy(policy.PolicyArn);
          }
        },
        notFound: "gap",
      },
    );
    // A partial list is kept (a gap marked partial says it is incomplete); a failed one stays absent.
    if (result.status !== "failed") role.attachedPolicyArns = arns;
  }

  private async collectInline(role: Role, roleName: string): Promise<void> {
    const names: string[] = [];
    const result = await this.ctx.paginate(
      this.client,
      (marker) => new ListRolePoliciesCommand({ RoleName: roleName, ...(marker ? { Marker: marker } : {}) }),
      this.target(role.arn),
      {
        nextToken: (page) => (page.IsTruncated ? page.Marker : undefined),
        onPage: (page) => {
          names.push(...(page.PolicyNames ?? []));
        },
        notFound: "gap",
      },
    );
    if (result.status === "failed") return;
    const wantDocuments = this.ctx.wants("iam:GetRolePolicy");
    role.inlinePolicies = await Promise.all(
      names.map(async (name) => {
        if (!wantDocuments) return { name };
        const command = new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name });
        const outcome = await this.ctx.call(this.client, command, this.target(role.arn), { notFound: "gap" });
        if (!outcome.ok) return { name };
        const document = decodePolicyDocument(outcome.value.PolicyDocument);
        if (!document) {
          unreadable(this.ctx, "iam", "GetRolePolicy", IAM_REGION, role.arn);
          return { name };
        }
        return { name, document };
      }),
    );
  }

  /** A managed policy and the document of its default version (other versions are never in effect). */
  private async collectPolicy(policyArn: string): Promise<ManagedPolicy> {
    const policy: ManagedPolicy = {
      arn: policyArn,
      name: policyArn.split("/").pop() ?? policyArn,
      awsManaged: policyArn.includes(":iam::aws:policy/"),
    };
    const target = this.target(policyArn);
    const outcome = await this.ctx.call(this.client, new GetPolicyCommand({ PolicyArn: policyArn }), target, { notFound: "gap" });
    if (!outcome.ok) return policy;
    const raw = outcome.value.Policy;
    if (raw?.PolicyName) policy.name = raw.PolicyName;
    const versionId = raw?.DefaultVersionId;
    if (!versionId) {
      // Every managed policy has a default version: without it the document cannot be read.
      answerProblems(this.ctx, target, "GetPolicy").missing("DefaultVersionId");
      return policy;
    }
    policy.defaultVersionId = versionId;
    if (!this.ctx.wants("iam:GetPolicyVersion")) return policy;
    const getVersion = new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId });
    const version = await this.ctx.call(this.client, getVersion, target, { notFound: "gap" });
    if (!version.ok) return policy;
    const document = decodePolicyDocument(version.value.PolicyVersion?.Document);
    if (document) policy.document = document;
    else unreadable(this.ctx, "iam", "GetPolicyVersion", IAM_REGION, policyArn);
    return policy;
  }
}

/** Reads the given execution roles, each once, with their policies. */
export async function collectIam(ctx: CollectContext, roleArns: Iterable<string>): Promise<IamResult> {
  const collector = new IamCollector(ctx);
  for (const arn of roleArns) collector.addRole(arn);
  return collector.finish();
}
