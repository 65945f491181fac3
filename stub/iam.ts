import type { ManagedPolicy, Role } from "../src/snapshot/schema.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, page } from "./protocol.js";
import { hashString } from "./random.js";

/**
 * IAM (Query protocol, XML answers). Policy documents are URL-encoded JSON, as IAM returns them
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html). Lists page with
 * Marker / IsTruncated, 100 items by default.
 */

function noSuchEntity(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

function encodeDocument(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document));
}

function idOf(prefix: string, value: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let hash = hashString(value);
  let id = prefix;
  for (let i = 0; i < 17; i += 1) {
    id += alphabet[hash % 32];
    hash = hashString(`${i}${hash}`);
  }
  return id;
}

function roleOf(ctx: CallContext): Role {
  const name = ctx.params.get("RoleName") ?? "";
  const role = ctx.index.rolesByName.get(name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function policyOf(ctx: CallContext): ManagedPolicy {
  const arn = ctx.params.get("PolicyArn") ?? "";
  const policy = ctx.index.managedPolicies.get(arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

function pageSize(ctx: CallContext): number {
  const raw = ctx.params.get("MaxItems");
  const size = raw ? Number(raw) : ctx.settings.iamPageSize;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new AwsError("ValidationError", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint", 400);
  }
  return size;
}

function truncation(next: string | undefined) {
  return next ? { IsTruncated: true, Marker: next } : { IsTruncated: false };
}

export const iamHandlers: ServiceHandlers = {
  service: "iam",
  resourceOf(ctx) {
    const role = ctx.params.get("RoleName");
    if (role) {
      const policyName = ctx.params.get("PolicyName");
      return `arn:${ctx.index.account.partition}:iam::${ctx.index.account.accountId}:role/${role}${policyName ? `/${policyName}` : ""}`;
    }
    return ctx.params.get("PolicyArn");
  },
  handlers: {
    GetRole(ctx) {
      const role = roleOf(ctx);
      const tags = Object.entries(role.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      return {
        Role: {
          Path: role.path ?? "/",
          RoleName: role.name,
          RoleId: idOf("AROA", role.arn),
          Arn: role.arn,
          CreateDate: role.createDate ?? "2025-01-01T00:00:00Z",
          AssumeRolePolicyDocument: role.trustPolicy ? encodeDocument(role.trustPolicy) : undefined,
          MaxSessionDuration: 3600,
          PermissionsBoundary: role.permissionsBoundaryArn
            ? { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: role.permissionsBoundaryArn }
            : undefined,
          Tags: tags.length > 0 ? tags : undefined,
          // IAM answers an empty RoleLastUsed element for a role it has no record of using.
          RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : "",
        },
      };
    },
    ListAttachedRolePolicies(ctx) {
      const role = roleOf(ctx);
      const result = page(role.attachedPolicyArns ?? [], ctx.params.get("Marker"), pageSize(ctx), "iam");
      return {
        AttachedPolicies: result.items.map((arn) => ({
          PolicyName: ctx.index.managedPolicies.get(arn)?.name ?? arn.slice(arn.lastIndexOf("/") + 1),
          PolicyArn: arn,
        })),
        ...truncation(result.next),
      };
    },
    ListRolePolicies(ctx) {
      const role = roleOf(ctx);
      const names = (role.inlinePolicies ?? []).map((policy) => policy.name);
      const result = page(names, ctx.params.get("Marker"), pageSize(ctx), "iam");
      return { PolicyNames: result.items, ...truncation(result.next) };
    },
    GetRolePolicy(ctx) {
      const role = roleOf(ctx);
      const name = ctx.params.get("PolicyName") ?? "";
      const policy = (role.inlinePolicies ?? []).find((candidate) => candidate.name === name);
      if (!policy) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
      return {
        RoleName: role.name,
        PolicyName: policy.name,
        PolicyDocument: encodeDocument(policy.document ?? { Version: "2012-10-17", Statement: [] }),
      };
    },
    GetPolicy(ctx) {
      const policy = policyOf(ctx);
      const path = policy.awsManaged
        ? policy.arn.slice(policy.arn.indexOf(":policy") + 7, policy.arn.lastIndexOf("/") + 1) || "/"
        : "/";
      return {
        Policy: {
          PolicyName: policy.name,
          PolicyId: idOf("ANPA", policy.arn),
          Arn: policy.arn,
          Path: path,
          DefaultVersionId: policy.defaultVersionId ?? "v1",
          AttachmentCount: 1,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          CreateDate: "2025-01-01T00:00:00Z",
          UpdateDate: "2025-01-01T00:00:00Z",
        },
      };
    },
    GetPolicyVersion(ctx) {
      const policy = policyOf(ctx);
      const versionId = ctx.params.get("VersionId") ?? "";
      const defaultVersion = policy.defaultVersionId ?? "v1";
      if (versionId !== defaultVersion) {
        throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
      }
      return {
        PolicyVersion: {
          Document: encodeDocument(policy.document ?? { Version: "2012-10-17", Statement: [] }),
          VersionId: defaultVersion,
          IsDefaultVersion: true,
          CreateDate: "2025-01-01T00:00:00Z",
        },
      };
    },
  },
};
