/**
 * The one list of AWS operations lambda-posture may call. The read-only guard (src/aws/guard.ts)
 * refuses, before anything is sent, every command that is not here; `buildPermissionsPolicy()` turns
 * the same list into the minimal IAM policy the `permissions` command prints. Adding a read means
 * adding it here, and nowhere else.
 */

/** IAM-style service prefixes, also used in gaps (`gap.service`) and in checks' `requires`. */
export const SERVICES = ["lambda", "iam", "apigateway", "apigatewayv2", "logs", "ec2", "sts", "organizations", "cloudtrail", "guardduty", "inspector2"] as const;
export type ServicePrefix = (typeof SERVICES)[number];

export interface AllowedOperation {
  service: ServicePrefix;
  /** API operation as AWS spells it (the SDK command name without `Command`). */
  operation: string;
  /** IAM actions the scanned identity needs for this read; empty when none is needed. */
  iamActions: readonly string[];
  /**
   * Resource ARN patterns for the policy statement, `${Partition}` being replaced by the partition.
   * Absent: `*` (the action supports no resource-level permission, or the resources are unknown).
   */
  resources?: readonly string[];
  /**
   * `scanner`: the scanned identity needs the permission (it goes into the generated policy).
   * `caller`: needed only by the identity that starts the scan, e.g. sts:AssumeRole into the scan role.
   */
  grantedTo: "scanner" | "caller";
  /** What the read is for: shown in docs/permissions.md and in the policy's statement ids. */
  purpose: string;
}

/**
 * API Gateway has no per-operation IAM actions for its management API: every read is `apigateway:GET`
 * on the resource path. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-create-and-manage-api.html
 */
const REST_API_RESOURCES = ["arn:${Partition}:apigateway:*::/restapis", "arn:${Partition}:apigateway:*::/restapis/*"];
const HTTP_API_RESOURCES = ["arn:${Partition}:apigateway:*::/apis", "arn:${Partition}:apigateway:*::/apis/*"];

function lambda(operation: string, purpose: string): AllowedOperation {
  return { service: "lambda", operation, iamActions: [`lambda:${operation}`], grantedTo: "scanner", purpose };
}
/** CloudTrail, GuardDuty and Inspector: IAM actions are `<prefix>:<Operation>`, on `*`. */
function detective(service: "cloudtrail" | "guardduty" | "inspector2", operation: string, purpose: string): AllowedOperation {
  return { service, operation, iamActions: [`${service}:${operation}`], grantedTo: "scanner", purpose };
}
function iam(operation: string, purpose: string): AllowedOperation {
  return { service: "iam", operation, iamActions: [`iam:${operation}`], grantedTo: "scanner", purpose };
}
function restApi(operation: string, purpose: string): AllowedOperation {
  return {
    service: "apigateway",
    operation,
    iamActions: ["apigateway:GET"],
    resources: REST_API_RESOURCES,
    grantedTo: "scanner",
    purpose,
  };
}
function httpApi(operation: string, purpose: string): AllowedOperation {
  return {
    service: "apigatewayv2",
    operation,
    iamActions: ["apigateway:GET"],
    resources: HTTP_API_RESOURCES,
    grantedTo: "scanner",
    purpose,
  };
}

export const ALLOWED_OPERATIONS: readonly AllowedOperation[] = Object.freeze([
  lambda("ListFunctions", "enumerate the functions of each region (configuration, environment keys)"),
  lambda("GetFunction", "configuration, tags and reserved concurrency in one call (the code is never downloaded)"),
  lambda("GetFunctionConfiguration", "fallback when GetFunction is denied (SecurityAudit lacks lambda:GetFunction)"),
  lambda("ListTags", "fallback for tags when GetFunction is denied"),
  lambda("GetFunctionConcurrency", "fallback for reserved concurrency when GetFunction is denied"),
  lambda("GetPolicy", "the function's resource-based policy (who may invoke it)"),
  lambda("GetFunctionUrlConfig", "function URL auth type and CORS"),
  lambda("ListCodeSigningConfigs", "the code signing configs of each region: whether each enforces or only warns, allowed publishers"),
  lambda("ListFunctionsByCodeSigningConfig", "which functions use each code signing config (read per config, not per function)"),
  lambda("GetRuntimeManagementConfig", "runtime update mode"),
  lambda("GetFunctionEventInvokeConfig", "asynchronous invocation destinations and retries"),
  lambda("ListEventSourceMappings", "event source mappings (triggers) of each region"),
  lambda("ListAliases", "each function's aliases and the versions they point to (each has its own policy and URL)"),
  lambda("ListFunctionUrlConfigs", "the function URLs of a function's aliases (read for functions that have aliases)"),
  lambda("GetLayerVersionPolicy", "who a layer version of the account is shared with"),
  lambda("GetFunctionRecursionConfig", "whether Lambda stops a recursive invocation loop of the function (Terminate) or lets it run (Allow)"),
  lambda("GetFunctionCodeSigningConfig", "fallback where ListCodeSigningConfigs is not available (emulators, older partitions): the code signing config of one function"),
  lambda("GetCodeSigningConfig", "fallback with GetFunctionCodeSigningConfig: the policy (enforce or warn) of a config a function uses"),
  lambda("ListCapacityProviders", "the capacity providers (Lambda Managed Instances) of each region: subnets, security groups, KMS key, operator role"),
  lambda("GetCapacityProvider", "a capacity provider a function names that the region's listing did not return"),
  iam("GetRole", "execution role trust policy, permissions boundary and last use"),
  iam("ListAttachedRolePolicies", "managed policies attached to an execution role"),
  iam("ListRolePolicies", "inline policy names of an execution role"),
  iam("GetRolePolicy", "inline policy documents of an execution role"),
  iam("GetPolicy", "managed policy metadata (default version)"),
  iam("GetPolicyVersion", "the default version document of a managed policy"),
  restApi("GetRestApis", "REST APIs, their endpoint types and resource policies"),
  restApi("GetResources", "REST API resources with their methods and integrations embedded"),
  restApi("GetAuthorizers", "REST API authorizers"),
  restApi("GetStages", "REST API stages: access logs, method settings, tracing, WAF, throttling"),
  httpApi("GetApis", "HTTP and WebSocket APIs"),
  httpApi("GetRoutes", "HTTP API routes and their authorization"),
  httpApi("GetIntegrations", "HTTP API integrations (which function a route invokes)"),
  httpApi("GetAuthorizers", "HTTP API authorizers"),
  httpApi("GetStages", "HTTP API stages: access logs and throttling"),
  {
    service: "logs",
    operation: "DescribeLogGroups",
    iamActions: ["logs:DescribeLogGroups"],
    grantedTo: "scanner",
    purpose: "retention and KMS key of each function's log group (queried by name prefix)",
  },
  {
    service: "ec2",
    operation: "DescribeRegions",
    iamActions: ["ec2:DescribeRegions"],
    grantedTo: "scanner",
    purpose: "the account's enabled regions, for --regions all",
  },
  {
    service: "ec2",
    operation: "DescribeSecurityGroups",
    iamActions: ["ec2:DescribeSecurityGroups"],
    grantedTo: "scanner",
    purpose: "egress rules of the security groups of functions in a VPC",
  },
  {
    service: "ec2",
    operation: "DescribeSubnets",
    iamActions: ["ec2:DescribeSubnets"],
    grantedTo: "scanner",
    purpose: "availability zones of the subnets of functions in a VPC",
  },
  {
    service: "sts",
    operation: "GetCallerIdentity",
    // GetCallerIdentity needs no permission: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    iamActions: [],
    grantedTo: "scanner",
    purpose: "the account id of the credentials",
  },
  {
    service: "organizations",
    operation: "DescribeOrganization",
    iamActions: ["organizations:DescribeOrganization"],
    grantedTo: "scanner",
    purpose: "the account's own organisation id, to tell our organisation from another in aws:PrincipalOrgID conditions (any member account may call it)",
  },
  detective("cloudtrail", "DescribeTrails", "the trails that record each region's events (the region's own, multi-region and organisation trails)"),
  detective("cloudtrail", "GetEventSelectors", "whether a trail records Lambda invocations (data events), from its basic or advanced event selectors"),
  detective("cloudtrail", "GetTrailStatus", "whether a trail is logging"),
  detective("guardduty", "ListDetectors", "the GuardDuty detector of each region"),
  detective("guardduty", "GetDetector", "whether GuardDuty Lambda Protection (the LAMBDA_NETWORK_LOGS feature) is enabled"),
  detective("inspector2", "BatchGetAccountStatus", "whether Amazon Inspector scans Lambda functions (dependencies and code) in each region"),
  {
    service: "organizations",
    operation: "ListAccounts",
    iamActions: ["organizations:ListAccounts"],
    grantedTo: "caller",
    purpose: "--organization: the organisation's accounts, their names and states (management or delegated administrator account)",
  },
  {
    service: "organizations",
    operation: "ListAccountsForParent",
    iamActions: ["organizations:ListAccountsForParent"],
    grantedTo: "caller",
    purpose: "--ou: the accounts directly under an organisational unit",
  },
  {
    service: "organizations",
    operation: "ListChildren",
    iamActions: ["organizations:ListChildren"],
    grantedTo: "caller",
    purpose: "--ou: the organisational units under an organisational unit, walked recursively",
  },
  {
    service: "sts",
    operation: "AssumeRole",
    iamActions: ["sts:AssumeRole"],
    grantedTo: "caller",
    purpose: "--role-arn, --role-name: assume the scan role in each account (a permission of the caller, allowed by the role's trust policy)",
  },
]);

const allowed = new Set(ALLOWED_OPERATIONS.map((entry) => `${entry.service}:${entry.operation}`));

/** True when `service:operation` (e.g. `lambda:GetPolicy`) is a read lambda-posture may send. */
export function isAllowedOperation(service: string, operation: string): boolean {
  return allowed.has(`${service}:${operation}`);
}

/** Every allowed `service:Operation`, e.g. to record which operations a collection attempted. */
export function allowedOperationIds(): string[] {
  return ALLOWED_OPERATIONS.map((entry) => `${entry.service}:${entry.operation}`);
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
}

export interface PermissionsPolicy {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * The minimal identity policy for a scan, generated from ALLOWED_OPERATIONS: one statement for the
 * actions that take `*`, one per distinct resource set (API Gateway's `apigateway:GET` on REST and
 * HTTP API paths). Caller-only permissions (sts:AssumeRole) are left out.
 */
export function buildPermissionsPolicy(partition = "aws"): PermissionsPolicy {
  const byResources = new Map<string, Set<string>>();
  for (const entry of ALLOWED_OPERATIONS) {
    if (entry.grantedTo !== "scanner" || entry.iamActions.length === 0) continue;
    const key = JSON.stringify(entry.resources ?? ["*"]);
    const actions = byResources.get(key) ?? new Set<string>();
    for (const action of entry.iamActions) actions.add(action);
    byResources.set(key, actions);
  }
  const statements: PolicyStatement[] = [];
  for (const [key, actions] of byResources) {
    const resources = (JSON.parse(key) as string[]).map((resource) => resource.replaceAll("${Partition}", partition));
    const sid =
      resources[0] === "*"
        ? "LambdaPostureReadOnly"
        : resources.some((resource) => resource.includes("/restapis"))
          ? "LambdaPostureApiGatewayRestRead"
          : "LambdaPostureApiGatewayHttpRead";
    statements.push({
      Sid: sid,
      Effect: "Allow",
      Action: [...actions].sort(),
      Resource: resources.length === 1 && resources[0] === "*" ? "*" : resources,
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
