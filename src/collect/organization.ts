import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import type { Snapshot } from "../snapshot/schema.js";
import type { CollectContext } from "./context.js";

type Organization = NonNullable<Snapshot["organization"]>;

/**
 * The scanned account's organisation, which any member account may read: it tells a policy's
 * `aws:PrincipalOrgID` naming our organisation from one naming another. Not in an organisation
 * (AWSOrganizationsNotInUseException) is null; denied or failed leaves it absent, with a gap, and
 * only the judgements that need it become unknown.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 */
export async function collectOrganization(ctx: CollectContext): Promise<Organization | null | undefined> {
  if (!ctx.wants("organizations:DescribeOrganization")) return undefined;
  const outcome = await ctx.call(ctx.clients.organizations(), new DescribeOrganizationCommand({}), { service: "organizations", region: "global" });
  if (!outcome.ok) return outcome.notFound ? null : undefined;
  const organization = outcome.value.Organization;
  if (!organization?.Id || !/^o-[a-z0-9]{10,32}$/.test(organization.Id)) {
    ctx.addGap({ service: "organizations", operation: "DescribeOrganization", region: "global", errorCode: "UnexpectedResponse", message: "DescribeOrganization returned no organisation id" });
    return undefined;
  }
  return {
    id: organization.Id,
    ...(organization.Arn ? { arn: organization.Arn } : {}),
    // The API still names the management account "master" (MasterAccountId).
    ...(organization.MasterAccountId && /^\d{12}$/.test(organization.MasterAccountId) ? { managementAccountId: organization.MasterAccountId } : {}),
  };
}
