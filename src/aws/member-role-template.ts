/**
 * The CloudFormation template of the read-only role an organisation scan assumes in each member
 * account (`lambda-posture permissions --format cloudformation`). Its permissions policy is
 * `buildPermissionsPolicy()` itself, so the role grants exactly what the read-only guard allows the
 * scanner to call, and nothing granted to the caller only (organizations:List*, sts:AssumeRole).
 *
 * AWS facts this relies on, read 2026-11-30:
 * - An organisation deploys it as a service-managed StackSet; StackSets never deploys a stack instance
 *   to the management account, even when it sits in a targeted OU ("DeploymentTargets",
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html), so a
 *   scanned management account gets the same template as a plain stack.
 * - MaxSessionDuration: 3600 to 43200 seconds, one hour when not set ("UpdateRole", valid range,
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html).
 * - The inline policies of a role together may hold 10,240 characters, and a role trust policy 2,048
 *   (the default of an adjustable quota); IAM does not count white space ("IAM and AWS STS quotas",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Tests keep both below.
 * - An external id is 2 to 1,224 characters of `[\w+=,.@:/-]` (same page).
 * - `Fn::If` may return `AWS::NoValue` to leave a property out ("Condition functions",
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html).
 */
import { buildPermissionsPolicy, type PermissionsPolicy } from "./allow-list.js";

export const MEMBER_ROLE_DEFAULT_NAME = "lambda-posture-reader";
export const MEMBER_ROLE_POLICY_NAME = "lambda-posture-read-only";
/** Characters (white space not counted) of all inline policies of one role together. */
export const ROLE_INLINE_POLICIES_LIMIT = 10_240;
/** Characters (white space not counted) of a role trust policy, before any quota increase. */
export const ROLE_TRUST_POLICY_LIMIT = 2_048;
export const MIN_SESSION_SECONDS = 3_600;
export const MAX_SESSION_SECONDS = 43_200;

/** The logical id of the role in the template (what `Fn::GetAtt` and the stack's events name). */
export const MEMBER_ROLE_LOGICAL_ID = "ReadOnlyRole";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Parameters: Record<string, Record<string, Json>>;
  Conditions: Record<string, Json>;
  Resources: Record<string, { Type: string; Properties: Record<string, Json> }>;
  Outputs: Record<string, Record<string, Json>>;
}

const ref = (name: string): Json => ({ Ref: name });
const noValue = ref("AWS::NoValue");
const isNotEmpty = (parameter: string): Json => ({ "Fn::Not": [{ "Fn::Equals": [ref(parameter), ""] }] });

/**
 * The permissions policy with `${AWS::Partition}` in its ARNs, so one template works in aws, aws-cn
 * and aws-us-gov: `buildPermissionsPolicy()` fills the partition in, and an ARN that carries it is
 * wrapped in `Fn::Sub` (`*` is not).
 */
function partitionNeutralPolicy(): Json {
  const policy: PermissionsPolicy = buildPermissionsPolicy("${AWS::Partition}");
  const resource = (arn: string): Json => (arn.includes("${AWS::Partition}") ? { "Fn::Sub": arn } : arn);
  return {
    Version: policy.Version,
    Statement: policy.Statement.map((statement) => ({
      Sid: statement.Sid,
      Effect: statement.Effect,
      Action: statement.Action,
      Resource: Array.isArray(statement.Resource) ? statement.Resource.map(resource) : resource(statement.Resource),
    })),
  };
}

/**
 * Who may assume the role: principals of the scanning account. The account root as principal
 * delegates the choice to the scanning account's own IAM policies; `ScanningPrincipalArn` narrows it to
 * one role or user (aws:PrincipalArn is the role's ARN, not the session's, so it survives new
 * sessions), and `ExternalId` adds the sts:ExternalId a third-party scanner is asked for. Each
 * condition is present only when its parameter is set; with neither, the statement has no Condition.
 */
function trustPolicy(): Json {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ScanningAccountAssumesRole",
        Effect: "Allow",
        Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${ScanningAccountId}:root" } },
        Action: "sts:AssumeRole",
        Condition: {
          "Fn::If": [
            "HasTrustCondition",
            {
              StringEquals: { "Fn::If": ["HasExternalId", { "sts:ExternalId": ref("ExternalId") }, noValue] },
              ArnEquals: { "Fn::If": ["HasScanningPrincipal", { "aws:PrincipalArn": ref("ScanningPrincipalArn") }, noValue] },
            },
            noValue,
          ],
        },
      },
    ],
  };
}

/** The member-account role template, ready for a service-managed StackSet (or a plain stack). */
export function buildMemberRoleTemplate(version: string): CloudFormationTemplate {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description:
      `lambda-posture ${version}: the read-only role an organisation scan assumes in this account. ` +
      "Its policy is generated from the scanner's allow-list (`lambda-posture permissions --format cloudformation`).",
    Parameters: {
      ScanningAccountId: {
        Type: "String",
        AllowedPattern: "^\\d{12}$",
        ConstraintDescription: "a 12-digit AWS account id",
        Description: "The account the scan runs from (its principals may assume the role).",
      },
      ScanningPrincipalArn: {
        Type: "String",
        Default: "",
        AllowedPattern: "^(arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]{1,512})?$",
        ConstraintDescription: "empty, or the ARN of an IAM role or user in the scanning account",
        Description:
          "Optional: only this role or user of the scanning account may assume the role (aws:PrincipalArn). " +
          "Empty: any principal the scanning account allows to call sts:AssumeRole on it.",
      },
      RoleName: {
        Type: "String",
        Default: MEMBER_ROLE_DEFAULT_NAME,
        AllowedPattern: "^[\\w+=,.@-]{1,64}$",
        ConstraintDescription: "1 to 64 letters, digits and +=,.@_-",
        Description: "Name of the role; the scan's --role-name.",
      },
      ExternalId: {
        Type: "String",
        Default: "",
        AllowedPattern: "^([\\w+=,.@:/-]{2,1224})?$",
        ConstraintDescription: "empty, or 2 to 1,224 letters, digits and +=,.@:/-_",
        Description: "Optional: the external id the scan must present (its --external-id). Empty: none required.",
      },
      MaxSessionDuration: {
        Type: "Number",
        Default: MIN_SESSION_SECONDS,
        MinValue: MIN_SESSION_SECONDS,
        MaxValue: MAX_SESSION_SECONDS,
        Description: "Longest session, in seconds, the scan may ask for (3600 to 43200).",
      },
    },
    Conditions: {
      HasExternalId: isNotEmpty("ExternalId"),
      HasScanningPrincipal: isNotEmpty("ScanningPrincipalArn"),
      HasTrustCondition: { "Fn::Or": [{ Condition: "HasExternalId" }, { Condition: "HasScanningPrincipal" }] },
    },
    Resources: {
      [MEMBER_ROLE_LOGICAL_ID]: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: ref("RoleName"),
          Description: "Read-only access for lambda-posture scans (List, Get and Describe of Lambda and what it touches).",
          MaxSessionDuration: ref("MaxSessionDuration"),
          AssumeRolePolicyDocument: trustPolicy(),
          Policies: [{ PolicyName: MEMBER_ROLE_POLICY_NAME, PolicyDocument: partitionNeutralPolicy() }],
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: "ARN of the read-only role (the scan builds it from --role-name and the account id).",
        Value: { "Fn::GetAtt": [MEMBER_ROLE_LOGICAL_ID, "Arn"] },
      },
    },
  };
}
