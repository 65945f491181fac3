/**
 * Builders for the parts of a snapshot that check tests add to secureFunction()/snapshotWith():
 * each returns a valid, minimal object that a case overrides field by field.
 */
import type { CapacityProvider, DetectiveCoverage, Gap, HttpApi, LambdaFunction, LogGroup, ManagedPolicy, RestApi, RestStage, HttpStage, Role, Snapshot } from "../../src/snapshot/schema.js";
import { ACCOUNT_ID, REGION, ROLE_ARN, functionArn, snapshotWith } from "../support/fixtures.js";

export const OTHER_ACCOUNT = "444455556666";
export const TRUSTED_ACCOUNT = "777788889999";

type RestMethod = NonNullable<RestApi["resources"]>[number]["methods"][number];

export function restStage(overrides: Partial<RestStage> = {}): RestStage {
  return {
    name: "prod",
    accessLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:api-access`,
    tracingEnabled: true,
    webAclArn: `arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/api/abc`,
    clientCertificateId: "cert1",
    cacheClusterEnabled: false,
    methodSettings: { "*/*": { loggingLevel: "ERROR", dataTraceEnabled: false, throttlingRateLimit: 50, throttlingBurstLimit: 100 } },
    variables: [],
    ...overrides,
  };
}

export function restMethod(targetArn: string | null, overrides: Partial<RestMethod> = {}): RestMethod {
  return {
    httpMethod: "POST",
    authorizationType: "AWS_IAM",
    authorizerId: null,
    apiKeyRequired: false,
    integration: { type: "AWS_PROXY", functionArn: targetArn },
    ...overrides,
  };
}

/** A REST API whose POST /orders invokes `fn`, with one stage. */
export function restApiTo(
  fn: LambdaFunction | null,
  options: { stage?: Partial<RestStage>; method?: Partial<RestMethod>; extraMethods?: RestMethod[]; api?: Partial<RestApi> } = {},
): RestApi {
  return {
    id: "rest1",
    arn: `arn:aws:apigateway:${REGION}::/restapis/rest1`,
    name: "orders-api",
    region: REGION,
    endpointTypes: ["REGIONAL"],
    policy: null,
    resources: [{ id: "r1", path: "/orders", methods: [restMethod(fn ? fn.arn : null, options.method), ...(options.extraMethods ?? [])] }],
    authorizers: [],
    stages: [restStage(options.stage)],
    ...options.api,
  };
}

export function httpStage(overrides: Partial<HttpStage> = {}): HttpStage {
  return {
    name: "$default",
    accessLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:http-access`,
    defaultRouteThrottling: { burstLimit: 100, rateLimit: 50 },
    variables: [],
    ...overrides,
  };
}

type HttpRoute = NonNullable<HttpApi["routes"]>[number];

/** An HTTP API whose `POST /items` route invokes `fn`, with one stage. */
export function httpApiTo(
  fn: LambdaFunction,
  options: { stage?: Partial<HttpStage>; route?: Partial<HttpRoute>; api?: Partial<HttpApi> } = {},
): HttpApi {
  return {
    id: "http1",
    arn: `arn:aws:apigateway:${REGION}::/apis/http1`,
    name: "items-api",
    region: REGION,
    protocolType: "HTTP",
    routes: [{ id: "rt1", routeKey: "POST /items", authorizationType: "JWT", authorizerId: "a1", target: "integrations/i1", ...options.route }],
    integrations: [{ id: "i1", type: "AWS_PROXY", functionArn: fn.arn }],
    authorizers: [{ id: "a1", name: "jwt", type: "JWT" }],
    stages: [httpStage(options.stage)],
    ...options.api,
  };
}

export function logGroupFor(fn: LambdaFunction, overrides: Partial<LogGroup> = {}): LogGroup {
  return {
    name: fn.loggingConfig?.logGroup ?? `/aws/lambda/${fn.name}`,
    region: fn.region,
    retentionInDays: 365,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/logs`,
    ...overrides,
  };
}

export function gap(service: string, operation: string, overrides: Partial<Gap> = {}): Gap {
  return { service, operation, region: REGION, errorCode: "AccessDeniedException", message: "denied", ...overrides };
}

export const LAMBDA_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

export const BASIC_EXECUTION_POLICY: ManagedPolicy = {
  arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  name: "AWSLambdaBasicExecutionRole",
  awsManaged: true,
  defaultVersionId: "v1",
  document: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }],
  },
};

export const ADMIN_POLICY: ManagedPolicy = {
  arn: "arn:aws:iam::aws:policy/AdministratorAccess",
  name: "AdministratorAccess",
  awsManaged: true,
  defaultVersionId: "v1",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

/** A least-privilege execution role: Lambda trust, basic logging, one scoped inline policy. */
export function roleWith(overrides: Partial<Role> = {}): Role {
  return {
    arn: ROLE_ARN,
    name: "fixture-function-role",
    trustPolicy: LAMBDA_TRUST,
    attachedPolicyArns: [BASIC_EXECUTION_POLICY.arn],
    inlinePolicies: [
      {
        name: "orders-table",
        document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders` }],
        },
      },
    ],
    permissionsBoundaryArn: null,
    ...overrides,
  };
}

/** An inline policy document with one Allow statement. */
export function inlineAllow(name: string, statement: Record<string, unknown>): { name: string; document: Record<string, unknown> } {
  return { name, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] } };
}

/** Snapshots for role checks: a least-privilege role, one with an extra inline statement, one whose managed policy was not read. */
export const roleSnapshots = {
  least: () => snapshotWith({ roles: [roleWith()], managedPolicies: [BASIC_EXECUTION_POLICY] }),
  withInline: (statement: Record<string, unknown>) =>
    snapshotWith({ roles: [roleWith({ inlinePolicies: [inlineAllow("extra", statement)] })], managedPolicies: [BASIC_EXECUTION_POLICY] }),
  managedNotRead: () => snapshotWith({ roles: [roleWith()], managedPolicies: [{ ...BASIC_EXECUTION_POLICY, document: undefined }] }),
};

export { ACCOUNT_ID, REGION, ROLE_ARN, functionArn };

export const PROVIDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:capacity-provider:trusted`;
export const OPERATOR_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/provider-operator`;

/** A capacity provider with a customer managed key, two zones and restricted egress (its subnets and group: providerNetwork()). */
export function capacityProvider(overrides: Partial<CapacityProvider> = {}): CapacityProvider {
  return {
    arn: PROVIDER_ARN,
    name: "trusted",
    region: REGION,
    state: "Active",
    vpc: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-provider"] },
    kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/provider`,
    operatorRoleArn: OPERATOR_ROLE_ARN,
    ...overrides,
  };
}

/** The subnets (two zones) and security group (HTTPS inside the VPC only) capacityProvider() names. */
export function providerNetwork(): Pick<Snapshot, "subnets" | "securityGroups"> {
  return {
    subnets: [
      { id: "subnet-a", region: REGION, availabilityZone: `${REGION}a` },
      { id: "subnet-b", region: REGION, availabilityZone: `${REGION}b` },
    ],
    securityGroups: [{ id: "sg-provider", region: REGION, egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["10.0.0.0/8"], ipv6Ranges: [] }] }],
  };
}

/** The function on capacityProvider(). */
export const onProvider = (overrides: Partial<LambdaFunction> = {}) =>
  ({ capacityProviderConfig: { capacityProviderArn: PROVIDER_ARN }, ...overrides }) satisfies Partial<LambdaFunction>;

/** Detective coverage of REGION, each part as given. */
export function coverage(parts: Omit<DetectiveCoverage, "region"> = {}): DetectiveCoverage {
  return { region: REGION, ...parts };
}
