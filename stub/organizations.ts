import type { ServiceHandlers } from "./context.js";
import { AwsError } from "./protocol.js";

/**
 * AWS Organizations (JSON 1.1: X-Amz-Target AWSOrganizationsV20161128.<Operation>). An account in no
 * organisation answers AWSOrganizationsNotInUseException, as AWS does.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 */
export const organizationsHandlers: ServiceHandlers = {
  service: "organizations",
  handlers: {
    DescribeOrganization(ctx) {
      const organization = ctx.index.account.organization;
      if (!organization) {
        throw new AwsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
      }
      const { partition } = ctx.index.account;
      return {
        Organization: {
          Id: organization.id,
          Arn: `arn:${partition}:organizations::${organization.managementAccountId}:organization/${organization.id}`,
          FeatureSet: "ALL",
          MasterAccountArn: `arn:${partition}:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
          MasterAccountId: organization.managementAccountId,
          MasterAccountEmail: "management@example.com",
        },
      };
    },
  },
};
