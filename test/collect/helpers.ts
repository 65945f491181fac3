import { afterEach, beforeEach, expect, vi } from "vitest";
import { APIGatewayClient, GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetV2StagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { IAMClient, GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { BatchGetAccountStatusCommand, Inspector2Client } from "@aws-sdk/client-inspector2";
import {
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionRecursionConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  LambdaClient,
  ListAliasesCommand,
  GetCapacityProviderCommand,
  ListCapacityProvidersCommand,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { isAllowedOperation } from "../../src/aws/allow-list.js";
import { operationOfCommand } from "../../src/aws/guard.js";
import type { Clock } from "../../src/aws/rate.js";
import { collectSnapshot, type CollectOptions } from "../../src/collect/index.js";

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const OTHER_REGION = "us-east-1";
export const FAKE_CREDENTIALS = { accessKeyId: "AKIDTESTTESTTEST", secretAccessKey: "test-secret-not-real" };

/**
 * Tests never reach the network or the instance metadata service. vi.stubEnv, so that vitest puts
 * process.env back after the test (`unstubEnvs` in vitest.config.ts): these files share their worker
 * with others.
 */
export function isolateFromAws(): void {
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  vi.stubEnv("AWS_ACCESS_KEY_ID", FAKE_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", FAKE_CREDENTIALS.secretAccessKey);
  vi.stubEnv("AWS_REGION", REGION);
  vi.stubEnv("AWS_PROFILE", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL", undefined);
}

/** A clock whose sleep advances time at once: pacing is exercised, no test waits. */
export function fakeClock(start = Date.parse("2026-11-01T12:00:00.000Z")): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

export function functionArn(name: string, region = REGION): string {
  return `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

export function configuration(name: string, overrides: Partial<FunctionConfiguration> = {}, region = REGION): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: functionArn(name, region),
    Runtime: "nodejs22.x",
    PackageType: "Zip",
    Handler: "index.handler",
    Role: roleArn("shared-role"),
    MemorySize: 256,
    Timeout: 10,
    LastModified: "2026-10-01T00:00:00.000+0000",
    TracingConfig: { Mode: "Active" },
    Architectures: ["arm64"],
    ...overrides,
  };
}

export function awsError(name: string, message = `${name} (test)`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode } });
}
export const accessDenied = () => awsError("AccessDeniedException", "User is not authorized to perform this action", 403);
export const iamAccessDenied = () => awsError("AccessDenied", "User is not authorized to perform this action", 403);
export const notFound = () => awsError("ResourceNotFoundException", "The resource you requested does not exist.", 404);
export const throttled = () => awsError("TooManyRequestsException", "Rate exceeded", 429);

export interface Mocks {
  sts: AwsStub<any, any, any>;
  lambda: AwsStub<any, any, any>;
  iam: AwsStub<any, any, any>;
  apigateway: AwsStub<any, any, any>;
  apigatewayv2: AwsStub<any, any, any>;
  logs: AwsStub<any, any, any>;
  ec2: AwsStub<any, any, any>;
  organizations: AwsStub<any, any, any>;
  cloudtrail: AwsStub<any, any, any>;
  guardduty: AwsStub<any, any, any>;
  inspector2: AwsStub<any, any, any>;
}

const SERVICE_OF_MOCK: Record<keyof Mocks, string> = {
  sts: "sts",
  lambda: "lambda",
  iam: "iam",
  apigateway: "apigateway",
  apigatewayv2: "apigatewayv2",
  logs: "logs",
  ec2: "ec2",
  organizations: "organizations",
  cloudtrail: "cloudtrail",
  guardduty: "guardduty",
  inspector2: "inspector2",
};

/**
 * Every client mocked, with answers for an account with nothing in it; each test states what it
 * changes.
 */
export function mockAws(): Mocks {
  const mocks: Mocks = {
    sts: mockClient(STSClient),
    lambda: mockClient(LambdaClient),
    iam: mockClient(IAMClient),
    apigateway: mockClient(APIGatewayClient),
    apigatewayv2: mockClient(ApiGatewayV2Client),
    logs: mockClient(CloudWatchLogsClient),
    ec2: mockClient(EC2Client),
    organizations: mockClient(OrganizationsClient),
    cloudtrail: mockClient(CloudTrailClient),
    guardduty: mockClient(GuardDutyClient),
    inspector2: mockClient(Inspector2Client),
  };
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/scanner` });
  mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
  mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
  mocks.lambda.on(GetFunctionCommand).callsFake((input: { FunctionName: string }) => ({
    Configuration: { FunctionArn: input.FunctionName },
    Tags: { team: "a" },
    Concurrency: { ReservedConcurrentExecutions: 5 },
  }));
  mocks.lambda.on(GetPolicyCommand).rejects(notFound());
  mocks.lambda.on(ListAliasesCommand).resolves({ Aliases: [] });
  mocks.lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
  mocks.organizations.on(DescribeOrganizationCommand).rejects(awsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization."));
  mocks.lambda.on(GetFunctionUrlConfigCommand).rejects(notFound());
  mocks.lambda.on(GetFunctionEventInvokeConfigCommand).rejects(notFound());
  mocks.lambda.on(ListCodeSigningConfigsCommand).resolves({ CodeSigningConfigs: [] });
  mocks.lambda.on(GetRuntimeManagementConfigCommand).resolves({ UpdateRuntimeOn: "Auto" });
  mocks.lambda.on(GetFunctionRecursionConfigCommand).resolves({ RecursiveLoop: "Terminate" });
  mocks.lambda.on(ListCapacityProvidersCommand).resolves({ CapacityProviders: [] });
  mocks.lambda.on(GetCapacityProviderCommand).rejects(notFound());
  // No trail, no GuardDuty detector, Inspector not enabled: an account with nothing in it.
  mocks.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
  mocks.guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
  mocks.inspector2.on(BatchGetAccountStatusCommand).resolves({
    accounts: [{ accountId: ACCOUNT, state: { status: "DISABLED", errorCode: undefined, errorMessage: undefined }, resourceState: { ec2: { status: "DISABLED", errorCode: undefined, errorMessage: undefined }, ecr: { status: "DISABLED", errorCode: undefined, errorMessage: undefined } } }],
  });
  mocks.iam.on(GetRoleCommand).callsFake((input: { RoleName: string }) => ({
    Role: {
      Arn: roleArn(input.RoleName),
      RoleName: input.RoleName,
      Path: "/",
      RoleId: "AROATEST",
      CreateDate: new Date("2025-01-01T00:00:00Z"),
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      ),
    },
  }));
  mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [], IsTruncated: false });
  mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [], IsTruncated: false });
  mocks.apigateway.on(GetRestApisCommand).resolves({ items: [] });
  mocks.apigateway.on(GetResourcesCommand).resolves({ items: [] });
  mocks.apigateway.on(GetAuthorizersCommand).resolves({ items: [] });
  mocks.apigateway.on(GetStagesCommand).resolves({ item: [] });
  mocks.apigatewayv2.on(GetApisCommand).resolves({ Items: [] });
  mocks.apigatewayv2.on(GetRoutesCommand).resolves({ Items: [] });
  mocks.apigatewayv2.on(GetIntegrationsCommand).resolves({ Items: [] });
  mocks.apigatewayv2.on(GetV2AuthorizersCommand).resolves({ Items: [] });
  mocks.apigatewayv2.on(GetV2StagesCommand).resolves({ Items: [] });
  mocks.logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  mocks.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
  return mocks;
}

export function restoreAws(mocks: Mocks): void {
  for (const mock of Object.values(mocks)) mock.restore();
}

/** `service:Operation` of every command the collectors sent, in order. */
export function sentOperations(mocks: Mocks): string[] {
  const sent: string[] = [];
  for (const [key, mock] of Object.entries(mocks) as [keyof Mocks, AwsStub<any, any, any>][]) {
    for (const call of mock.calls()) sent.push(`${SERVICE_OF_MOCK[key]}:${operationOfCommand(call.args[0] as object)}`);
  }
  return sent;
}

/** Asserts the read-only contract over every mocked call: each one is on the allow-list. */
export function notAllowed(mocks: Mocks): string[] {
  return sentOperations(mocks).filter((id) => {
    const [service, operation] = id.split(":") as [string, string];
    return !isAllowedOperation(service, operation);
  });
}

export function countSent(mocks: Mocks, id: string): number {
  return sentOperations(mocks).filter((sent) => sent === id).length;
}

/** The region a mocked call was made in (the client's configured region). */
export async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === "function" ? await (region as () => Promise<string>)() : String(region);
}

export function collect(options: Partial<CollectOptions> = {}) {
  return collectSnapshot({
    regions: [REGION],
    credentials: FAKE_CREDENTIALS,
    clock: fakeClock(),
    ...options,
  });
}

/** ListFunctions pages of `size` from a list of configurations, chained with NextMarker. */
export function mockFunctionPages(mocks: Mocks, configurations: FunctionConfiguration[], size = 50): void {
  mocks.lambda.on(ListFunctionsCommand).callsFake((input: { Marker?: string }) => {
    const start = input.Marker ? Number(input.Marker) : 0;
    const page = configurations.slice(start, start + size);
    const next = start + size < configurations.length ? String(start + size) : undefined;
    return { Functions: page, ...(next ? { NextMarker: next } : {}) };
  });
}

/**
 * Mocks every AWS client for each test of the calling file, with fake credentials, and after each
 * test asserts that every command the collectors sent was on the read-only allow-list. The returned
 * object is refreshed before each test, so a file can keep one reference.
 */
export function useMockedAws(): Mocks {
  const mocks = {} as Mocks;
  beforeEach(() => {
    isolateFromAws();
    Object.assign(mocks, mockAws());
  });
  afterEach(() => {
    expect(notAllowed(mocks)).toEqual([]);
    restoreAws(mocks);
  });
  return mocks;
}
