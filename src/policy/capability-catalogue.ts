/**
 * Facts about dangerous IAM permissions, kept apart from the logic that looks for them.
 *
 * Privilege escalation paths: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and
 * Mitigation" (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/) and its
 * follow-up list in https://github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation, plus the Lambda
 * layer variant. As of 2025-01. The role analysed is a Lambda execution role, so "the attacker" is code
 * running as the role: attaching or writing a policy to *its own* role is enough, no sts:AssumeRole needed.
 */

/** One requirement: any one of these actions, optionally only when granted on Resource "*". */
export interface ActionRequirement {
  anyOf: readonly string[];
  onAnyResource?: boolean;
}

/**
 * What the path acts on, when the snapshot can judge it: the roles iam:PassRole reaches (a role no more
 * privileged than this one gains nothing), the functions whose code or configuration is replaced (their
 * roles), or the roles a policy is written to (capped by their permissions boundary).
 */
export type EscalationTargetKind = "passedRole" | "updatedFunction" | "policyRole";

export interface EscalationPathDefinition {
  id: string;
  description: string;
  requires: readonly ActionRequirement[];
  /** The target, and the action whose resources name it. */
  target?: { kind: EscalationTargetKind; action: string };
}

const one = (action: string, onAnyResource = false): ActionRequirement => ({ anyOf: [action], onAnyResource });
const passedRole = { kind: "passedRole", action: "iam:PassRole" } as const;

export const ESCALATION_PATHS: readonly EscalationPathDefinition[] = [
  { id: "create-policy-version", description: "Create a new default version of a customer managed policy with any permissions", requires: [one("iam:CreatePolicyVersion")] },
  { id: "set-default-policy-version", description: "Switch a managed policy to an older, more permissive version", requires: [one("iam:SetDefaultPolicyVersion")] },
  { id: "attach-role-policy", description: "Attach AdministratorAccess (or any managed policy) to a role, including this one", requires: [one("iam:AttachRolePolicy")], target: { kind: "policyRole", action: "iam:AttachRolePolicy" } },
  { id: "attach-user-policy", description: "Attach any managed policy to a user", requires: [one("iam:AttachUserPolicy")] },
  { id: "attach-group-policy", description: "Attach any managed policy to a group", requires: [one("iam:AttachGroupPolicy")] },
  { id: "put-role-policy", description: "Write an inline policy with any permissions on a role, including this one", requires: [one("iam:PutRolePolicy")], target: { kind: "policyRole", action: "iam:PutRolePolicy" } },
  { id: "put-user-policy", description: "Write an inline policy with any permissions on a user", requires: [one("iam:PutUserPolicy")] },
  { id: "put-group-policy", description: "Write an inline policy with any permissions on a group", requires: [one("iam:PutGroupPolicy")] },
  { id: "add-user-to-group", description: "Add a user to a more privileged group", requires: [one("iam:AddUserToGroup")] },
  { id: "update-assume-role-policy", description: "Rewrite a role's trust policy and assume it", requires: [one("iam:UpdateAssumeRolePolicy"), one("sts:AssumeRole")] },
  { id: "create-access-key", description: "Create access keys for another user", requires: [one("iam:CreateAccessKey")] },
  { id: "create-login-profile", description: "Set a console password for a user that has none", requires: [one("iam:CreateLoginProfile")] },
  { id: "update-login-profile", description: "Change a user's console password", requires: [one("iam:UpdateLoginProfile")] },
  {
    id: "pass-role-lambda-create-function",
    description: "Create a function running as a more privileged role and trigger it",
    requires: [one("iam:PassRole"), one("lambda:CreateFunction"), { anyOf: ["lambda:InvokeFunction", "lambda:CreateEventSourceMapping", "lambda:AddPermission"] }],
    target: passedRole,
  },
  {
    id: "lambda-update-function-code",
    description: "Replace the code of a function that runs as a more privileged role",
    requires: [one("lambda:UpdateFunctionCode")],
    target: { kind: "updatedFunction", action: "lambda:UpdateFunctionCode" },
  },
  {
    id: "lambda-update-function-configuration-pass-role",
    description: "Point an existing function at a more privileged role",
    requires: [one("lambda:UpdateFunctionConfiguration"), one("iam:PassRole")],
    target: passedRole,
  },
  {
    id: "lambda-update-function-configuration-layer",
    description: "Attach a layer that overrides the code of a function running as a more privileged role",
    requires: [one("lambda:UpdateFunctionConfiguration"), { anyOf: ["lambda:PublishLayerVersion", "lambda:GetLayerVersion"] }],
    target: { kind: "updatedFunction", action: "lambda:UpdateFunctionConfiguration" },
  },
  { id: "pass-role-ec2-run-instances", description: "Launch an instance with a more privileged instance profile", requires: [one("iam:PassRole"), one("ec2:RunInstances")], target: passedRole },
  { id: "pass-role-cloudformation-create-stack", description: "Create a stack that runs as a more privileged role", requires: [one("iam:PassRole"), one("cloudformation:CreateStack")], target: passedRole },
  { id: "pass-role-glue-create-dev-endpoint", description: "Create a Glue development endpoint with a more privileged role", requires: [one("iam:PassRole"), one("glue:CreateDevEndpoint")], target: passedRole },
  { id: "glue-update-dev-endpoint", description: "Add an SSH key to an existing Glue development endpoint", requires: [one("glue:UpdateDevEndpoint")] },
  {
    id: "pass-role-data-pipeline",
    description: "Create a Data Pipeline that runs commands as a more privileged role",
    requires: [one("iam:PassRole"), one("datapipeline:CreatePipeline"), one("datapipeline:PutPipelineDefinition")],
    target: passedRole,
  },
  { id: "sts-assume-role-any", description: "Assume any role whose trust policy trusts this account", requires: [one("sts:AssumeRole", true)] },
];

/** Read access to data stores and secrets; dangerous when granted on Resource "*". */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "kms:Decrypt",
  "dynamodb:Scan",
  "dynamodb:Query",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "lambda:GetFunction",
  "sqs:ReceiveMessage",
  "kinesis:GetRecords",
];

/** Actions whose response is a credential (keys, tokens, secrets). */
export const CREDENTIAL_RETURNING_ACTIONS: readonly string[] = [
  "sts:AssumeRole",
  "sts:GetSessionToken",
  "sts:GetFederationToken",
  "iam:CreateAccessKey",
  "iam:CreateServiceSpecificCredential",
  "ecr:GetAuthorizationToken",
  "codeartifact:GetAuthorizationToken",
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "sso:GetRoleCredentials",
  "cognito-identity:GetCredentialsForIdentity",
  "rds-db:connect",
  "redshift:GetClusterCredentials",
];
