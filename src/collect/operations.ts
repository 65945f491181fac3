import { ALLOWED_OPERATIONS } from "../aws/allow-list.js";

/**
 * Reads a read depends on: to list the functions of a code signing config you must first list the
 * region's configs. Wanting an operation means attempting its prerequisites too.
 */
const PREREQUISITES: Readonly<Record<string, readonly string[]>> = {
  "lambda:ListFunctionsByCodeSigningConfig": ["lambda:ListCodeSigningConfigs"],
  "lambda:ListTags": ["lambda:GetFunction"],
  "lambda:GetFunctionConcurrency": ["lambda:GetFunction"],
  "lambda:GetFunctionConfiguration": ["lambda:GetFunction"],
  "lambda:ListFunctionUrlConfigs": ["lambda:ListAliases"],
  // The per-function code signing reads are the fallback of the region's listing (code-signing.ts).
  "lambda:GetFunctionCodeSigningConfig": ["lambda:ListCodeSigningConfigs"],
  "lambda:GetCodeSigningConfig": ["lambda:GetFunctionCodeSigningConfig"],
  "cloudtrail:GetEventSelectors": ["cloudtrail:DescribeTrails"],
  "cloudtrail:GetTrailStatus": ["cloudtrail:DescribeTrails"],
  "guardduty:GetDetector": ["guardduty:ListDetectors"],
  "iam:ListAttachedRolePolicies": ["iam:GetRole"],
  "iam:ListRolePolicies": ["iam:GetRole"],
  "iam:GetRolePolicy": ["iam:ListRolePolicies"],
  "iam:GetPolicy": ["iam:GetRole", "iam:ListAttachedRolePolicies"],
  "iam:GetPolicyVersion": ["iam:GetPolicy"],
  "apigateway:GetResources": ["apigateway:GetRestApis"],
  "apigateway:GetAuthorizers": ["apigateway:GetRestApis"],
  "apigateway:GetStages": ["apigateway:GetRestApis"],
  "apigatewayv2:GetRoutes": ["apigatewayv2:GetApis"],
  "apigatewayv2:GetIntegrations": ["apigatewayv2:GetApis"],
  "apigatewayv2:GetAuthorizers": ["apigatewayv2:GetApis"],
  "apigatewayv2:GetStages": ["apigatewayv2:GetApis"],
};

/**
 * Reads that only make sense together: a route is linked to a function through its integration, so
 * an API read is useless without both; a managed policy's metadata without its document is useless.
 */
const COMPANIONS: Readonly<Record<string, readonly string[]>> = {
  // The region's configs say nothing about a function without the list of functions using each.
  "lambda:ListCodeSigningConfigs": ["lambda:ListFunctionsByCodeSigningConfig", "lambda:GetFunctionCodeSigningConfig", "lambda:GetCodeSigningConfig"],
  // One listing per region costs less than a read per provider; GetCapacityProvider fills in what it misses.
  "lambda:GetCapacityProvider": ["lambda:ListCapacityProviders"],
  // A trail says nothing about Lambda without its selectors and whether it is logging.
  "cloudtrail:DescribeTrails": ["cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus"],
  "guardduty:ListDetectors": ["guardduty:GetDetector"],
  "apigateway:GetRestApis": ["apigateway:GetResources"],
  // An alias is judged by its own policy and URL: reading the aliases means reading both.
  "lambda:ListAliases": ["lambda:GetPolicy", "lambda:ListFunctionUrlConfigs"],
  // Whether an aws:PrincipalOrgID names our organisation or another one: read with every policy.
  "lambda:GetPolicy": ["organizations:DescribeOrganization"],
  "iam:GetRole": ["organizations:DescribeOrganization"],
  "apigatewayv2:GetApis": ["apigatewayv2:GetRoutes", "apigatewayv2:GetIntegrations"],
  "apigatewayv2:GetRoutes": ["apigatewayv2:GetIntegrations"],
  "iam:GetPolicy": ["iam:GetPolicyVersion"],
  "iam:ListRolePolicies": ["iam:GetRolePolicy"],
};

/** Fallbacks are called only when GetFunction is denied; they are never needed on their own. */
const ALWAYS = ["lambda:ListFunctions"];

/** Operations not part of collecting (credentials, region discovery). */
const NOT_COLLECTED = new Set(["sts:AssumeRole", "sts:GetCallerIdentity", "ec2:DescribeRegions"]);

/** Every read a full collection makes. */
export function allCollectionOperations(): string[] {
  return ALLOWED_OPERATIONS.map((entry) => `${entry.service}:${entry.operation}`).filter((id) => !NOT_COLLECTED.has(id));
}

/**
 * The closure of the operations the selected checks require: the operations themselves, what they
 * depend on, what only makes sense with them, and ListFunctions, which every scan needs.
 * `undefined` (no selection) is every collection read.
 */
export function expandRequiredOperations(required: ReadonlySet<string> | undefined): Set<string> {
  if (required === undefined) return new Set(allCollectionOperations());
  const result = new Set<string>(ALWAYS);
  const queue = [...required];
  while (queue.length > 0) {
    const operation = queue.pop() as string;
    if (result.has(operation) && !ALWAYS.includes(operation)) continue;
    result.add(operation);
    for (const next of [...(PREREQUISITES[operation] ?? []), ...(COMPANIONS[operation] ?? [])]) {
      if (!result.has(next)) queue.push(next);
    }
  }
  return result;
}
