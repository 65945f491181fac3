import {
  GetAuthorizersCommand as GetRestAuthorizersCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand as GetRestStagesCommand,
  paginateGetResources,
} from "@aws-sdk/client-api-gateway";
import {
  GetApisCommand,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetHttpStagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { DescribeLogGroupsCommand, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import {
  GetPolicyCommand as GetManagedPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  paginateListAttachedRolePolicies,
} from "@aws-sdk/client-iam";
import {
  DeleteFunctionCommand,
  GetCodeSigningConfigCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  LambdaClient,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  paginateListFunctions,
} from "@aws-sdk/client-lambda";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { allowedOperationIds, isAllowedOperation } from "../../src/aws/allow-list.js";
import { EMPTY_REGION, ENVIRONMENT_VALUES, EU, fixtureAccount, fixtureSnapshot, ROLES, US } from "../e2e/fixture/account.js";
import { stubClients, STUB_CREDENTIALS } from "../../stub/clients.js";
import { DEFAULT_QUOTAS, quotaFloor } from "../../stub/quotas.js";
import { servedOperations, startStub, type Stub, type StubOptions } from "../../stub/server.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../../stub/synthetic.js";
import { awsError } from "../support/aws-error.js";

const ACCOUNT = "111122223333";
const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;

async function withStub<T>(options: Omit<StubOptions, "account"> & { account?: StubOptions["account"] }, body: (stub: Stub) => Promise<T>) {
  const stub = await startStub({ account: fixtureAccount(), quotas: false, ...options });
  try {
    return await body(stub);
  } finally {
    await stub.close();
  }
}

describe("loopback stub: responses parse with the real SDK clients", () => {
  let stub: Stub;
  let eu: ReturnType<typeof stubClients>;
  let us: ReturnType<typeof stubClients>;

  beforeAll(async () => {
    stub = await startStub({ account: fixtureAccount(), quotas: false, iamPageSize: 1 });
    eu = stubClients(stub.url, EU);
    us = stubClients(stub.url, US);
  });
  afterAll(async () => {
    await stub.close();
  });

  describe("Lambda (REST-JSON)", () => {
    it("lists the functions of the region of the credential scope, in pages", async () => {
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateListFunctions({ client: eu.lambda, pageSize: 2 }, {})) {
        pages += 1;
        names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? ""));
      }
      expect(pages).toBe(3);
      expect(names.sort()).toEqual(["image-fn", "legacy-worker", "orders-api", "public-url-fn", "signed-fn"]);
      const usPage = await us.lambda.send(new ListFunctionsCommand({}));
      expect(usPage.Functions?.map((fn) => fn.FunctionName).sort()).toEqual(["edge-auth", "reports"]);
      expect(usPage.NextMarker).toBeUndefined();
      const empty = await stubClients(stub.url, EMPTY_REGION).lambda.send(new ListFunctionsCommand({}));
      expect(empty.Functions).toEqual([]);
    });

    it("serves ListFunctions with the environment values and the configuration", async () => {
      const page = await eu.lambda.send(new ListFunctionsCommand({}));
      const publicUrl = page.Functions?.find((fn) => fn.FunctionName === "public-url-fn");
      expect(publicUrl?.Environment?.Variables).toEqual(ENVIRONMENT_VALUES[fnArn(EU, "public-url-fn")]);
      expect(publicUrl?.Runtime).toBe("python3.12");
      expect(publicUrl?.TracingConfig?.Mode).toBe("PassThrough");
      const image = page.Functions?.find((fn) => fn.FunctionName === "image-fn");
      expect(image?.PackageType).toBe("Image");
      expect(image?.Runtime).toBeUndefined();
      expect(image?.KMSKeyArn).toMatch(/^arn:aws:kms:/);
    });

    it("GetFunction returns configuration, tags and reserved concurrency, by name or by ARN", async () => {
      const byName = await eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }));
      expect(byName.Configuration?.FunctionArn).toBe(fnArn(EU, "orders-api"));
      expect(byName.Configuration?.DeadLetterConfig?.TargetArn).toMatch(/orders-dlq$/);
      expect(byName.Configuration?.LoggingConfig).toEqual({
        LogFormat: "JSON",
        LogGroup: "/aws/lambda/orders-api",
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "WARN",
      });
      expect(byName.Tags).toEqual({ team: "orders", env: "prod" });
      expect(byName.Concurrency?.ReservedConcurrentExecutions).toBe(50);
      expect(byName.Code?.RepositoryType).toBe("S3");

      const byArn = await eu.lambda.send(new GetFunctionCommand({ FunctionName: fnArn(EU, "legacy-worker") }));
      expect(byArn.Configuration?.VpcConfig).toEqual({
        SubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
        SecurityGroupIds: ["sg-0open0000"],
        VpcId: "vpc-0a1b2c3d",
        Ipv6AllowedForDualStack: false,
      });
      expect(byArn.Configuration?.Layers?.[0]?.Arn).toBe(`arn:aws:lambda:${EU}:${ACCOUNT}:layer:shared-utils:3`);
      expect(byArn.Configuration?.RuntimeVersionConfig?.RuntimeVersionArn).toMatch(/:runtime:/);
      expect(byArn.Tags).toBeUndefined();
      expect(byArn.Concurrency).toBeUndefined();

      const zero = await eu.lambda.send(new GetFunctionCommand({ FunctionName: "image-fn" }));
      expect(zero.Concurrency?.ReservedConcurrentExecutions).toBe(0);
      expect(zero.Code?.ImageUri).toMatch(/dkr\.ecr/);

      expect(await awsError(eu.lambda.send(new GetFunctionCommand({ FunctionName: "nope" })))).toMatchObject({
        name: "ResourceNotFoundException",
        status: 404,
      });
      // A function of another region is not found in this one.
      expect(await awsError(eu.lambda.send(new GetFunctionCommand({ FunctionName: "reports" })))).toMatchObject({
        name: "ResourceNotFoundException",
      });
    });

    it("serves the SecurityAudit fallbacks: configuration, tags, concurrency", async () => {
      const config = await eu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "orders-api" }));
      expect(config.Environment?.Variables?.TABLE_NAME).toBe("orders");
      const tags = await eu.lambda.send(new ListTagsCommand({ Resource: fnArn(EU, "orders-api") }));
      expect(tags.Tags).toEqual({ team: "orders", env: "prod" });
      const none = await eu.lambda.send(new ListTagsCommand({ Resource: fnArn(EU, "legacy-worker") }));
      expect(none.Tags).toEqual({});
      const reserved = await eu.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "orders-api" }));
      expect(reserved.ReservedConcurrentExecutions).toBe(50);
      const unreserved = await eu.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "signed-fn" }));
      expect(unreserved.ReservedConcurrentExecutions).toBeUndefined();
    });

    it("GetPolicy returns the policy as a JSON string, and 404 when there is none", async () => {
      const policy = await eu.lambda.send(new GetPolicyCommand({ FunctionName: "public-url-fn" }));
      const expected = fixtureSnapshot().functions.find((fn) => fn.name === "public-url-fn")?.resourcePolicy;
      expect(JSON.parse(policy.Policy ?? "")).toEqual(expected);
      expect(await awsError(eu.lambda.send(new GetPolicyCommand({ FunctionName: "legacy-worker" })))).toMatchObject({
        name: "ResourceNotFoundException",
        status: 404,
      });
    });

    it("GetFunctionUrlConfig returns the URL config, and 404 when there is none", async () => {
      const url = await eu.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: "public-url-fn" }));
      expect(url.AuthType).toBe("NONE");
      expect(url.Cors?.AllowOrigins).toEqual(["*"]);
      expect(url.FunctionUrl).toMatch(/^https:\/\/.*\.lambda-url\.eu-west-1\.on\.aws\/$/);
      expect(await awsError(eu.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: "orders-api" })))).toMatchObject(
        { name: "ResourceNotFoundException", status: 404 },
      );
    });

    it("serves code signing configs per function and per region", async () => {
      const signed = await eu.lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: "signed-fn" }));
      expect(signed.CodeSigningConfigArn).toMatch(/:code-signing-config:csc-/);
      const unsigned = await eu.lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: "orders-api" }));
      expect(unsigned.CodeSigningConfigArn).toBe("");
      const config = await eu.lambda.send(new GetCodeSigningConfigCommand({ CodeSigningConfigArn: signed.CodeSigningConfigArn }));
      expect(config.CodeSigningConfig?.CodeSigningPolicies?.UntrustedArtifactOnDeployment).toBe("Enforce");
      const list = await eu.lambda.send(new ListCodeSigningConfigsCommand({}));
      expect(list.CodeSigningConfigs?.map((csc) => csc.CodeSigningConfigArn)).toEqual([signed.CodeSigningConfigArn]);
      const users = await eu.lambda.send(
        new ListFunctionsByCodeSigningConfigCommand({ CodeSigningConfigArn: signed.CodeSigningConfigArn }),
      );
      expect(users.FunctionArns).toEqual([fnArn(EU, "signed-fn")]);
      const usList = await us.lambda.send(new ListCodeSigningConfigsCommand({}));
      expect(usList.CodeSigningConfigs).toEqual([]);
    });

    it("serves runtime management and event invoke configs, 404 where there is none", async () => {
      const manual = await eu.lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: "legacy-worker" }));
      expect(manual.UpdateRuntimeOn).toBe("Manual");
      const auto = await eu.lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: "orders-api" }));
      expect(auto.UpdateRuntimeOn).toBe("Auto");
      expect(
        await awsError(eu.lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: "image-fn" }))),
      ).toMatchObject({ name: "ResourceNotFoundException" });

      const invoke = await eu.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "signed-fn" }));
      expect(invoke.MaximumRetryAttempts).toBe(1);
      expect(invoke.DestinationConfig?.OnFailure?.Destination).toMatch(/signed-fn-failures$/);
      expect(invoke.LastModified).toBeInstanceOf(Date);
      expect(
        await awsError(eu.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "orders-api" }))),
      ).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    });

    it("lists event source mappings per region, filtered by function", async () => {
      const all = await eu.lambda.send(new ListEventSourceMappingsCommand({}));
      expect(all.EventSourceMappings?.map((esm) => esm.FunctionArn)).toEqual([fnArn(EU, "legacy-worker")]);
      const none = await eu.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "orders-api" }));
      expect(none.EventSourceMappings).toEqual([]);
      const us1 = await us.lambda.send(new ListEventSourceMappingsCommand({}));
      expect(us1.EventSourceMappings).toEqual([]);
    });

    it("serves layer version policies, 404 for an unknown version", async () => {
      const policy = await eu.lambda.send(new GetLayerVersionPolicyCommand({ LayerName: "shared-utils", VersionNumber: 3 }));
      expect(JSON.parse(policy.Policy ?? "{}").Statement[0].Principal).toBe("*");
      const byArn = await eu.lambda.send(
        new GetLayerVersionPolicyCommand({ LayerName: `arn:aws:lambda:${EU}:${ACCOUNT}:layer:shared-utils`, VersionNumber: 3 }),
      );
      expect(byArn.Policy).toBe(policy.Policy);
      expect(
        await awsError(eu.lambda.send(new GetLayerVersionPolicyCommand({ LayerName: "shared-utils", VersionNumber: 2 }))),
      ).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    });
  });

  describe("API Gateway REST and v2 (REST-JSON)", () => {
    it("serves REST APIs with the resource policy escaped as AWS escapes it", async () => {
      const apis = await eu.apiGateway.send(new GetRestApisCommand({}));
      expect(apis.items?.map((api) => api.id)).toEqual(["a1b2c3d4e5"]);
      const policy = apis.items?.[0]?.policy ?? "";
      expect(policy.startsWith('{\\"Version\\"')).toBe(true);
      expect(JSON.parse(policy.replace(/\\"/g, '"'))).toEqual(fixtureSnapshot().restApis?.[0]?.policy);
      expect(apis.items?.[0]?.endpointConfiguration?.types).toEqual(["REGIONAL"]);
      const usApis = await us.apiGateway.send(new GetRestApisCommand({}));
      expect(usApis.items).toEqual([]);
    });

    it("serves resources with methods and integrations embedded, in pages", async () => {
      const resources = [];
      for await (const page of paginateGetResources({ client: eu.apiGateway, pageSize: 1 }, { restApiId: "a1b2c3d4e5", embed: ["methods"] })) {
        resources.push(...(page.items ?? []));
      }
      expect(resources.map((resource) => resource.path)).toEqual(["/", "/orders", "/orders/health"]);
      const orders = resources.find((resource) => resource.path === "/orders");
      expect(orders?.parentId).toBe("r00t000001");
      expect(orders?.pathPart).toBe("orders");
      expect(orders?.resourceMethods?.GET?.authorizationType).toBe("NONE");
      expect(orders?.resourceMethods?.GET?.methodIntegration?.uri).toBe(
        `arn:aws:apigateway:${EU}:lambda:path/2015-03-31/functions/${fnArn(EU, "orders-api")}/invocations`,
      );
      expect(orders?.resourceMethods?.POST?.apiKeyRequired).toBe(true);
      const withoutEmbed = await eu.apiGateway.send(new GetResourcesCommand({ restApiId: "a1b2c3d4e5" }));
      expect(withoutEmbed.items?.find((resource) => resource.path === "/orders")?.resourceMethods?.GET).toEqual({});
      expect(await awsError(eu.apiGateway.send(new GetResourcesCommand({ restApiId: "missing" })))).toMatchObject({
        name: "NotFoundException",
        status: 404,
      });
    });

    it("serves REST stages and authorizers", async () => {
      const stages = await eu.apiGateway.send(new GetRestStagesCommand({ restApiId: "a1b2c3d4e5" }));
      expect(stages.item?.[0]).toMatchObject({ stageName: "prod", tracingEnabled: false, cacheClusterEnabled: false });
      expect(stages.item?.[0]?.accessLogSettings).toBeUndefined();
      expect(stages.item?.[0]?.methodSettings?.["*/*"]?.loggingLevel).toBe("OFF");
      expect(stages.item?.[0]?.createdDate).toBeInstanceOf(Date);
      const authorizers = await eu.apiGateway.send(new GetRestAuthorizersCommand({ restApiId: "a1b2c3d4e5" }));
      expect(authorizers.items).toEqual([]);
    });

    it("serves HTTP APIs with routes, integrations, authorizers and stages", async () => {
      const apis = await us.apiGatewayV2.send(new GetApisCommand({}));
      expect(apis.Items?.map((api) => [api.ApiId, api.ProtocolType])).toEqual([["h7t9p2q4r6", "HTTP"]]);
      expect(apis.Items?.[0]?.CreatedDate).toBeInstanceOf(Date);
      const routes = await us.apiGatewayV2.send(new GetRoutesCommand({ ApiId: "h7t9p2q4r6" }));
      expect(routes.Items?.map((route) => [route.RouteKey, route.AuthorizationType, route.Target])).toEqual([
        ["GET /reports", "CUSTOM", "integrations/in00001"],
        ["POST /reports", "NONE", "integrations/in00001"],
      ]);
      const integrations = await us.apiGatewayV2.send(new GetIntegrationsCommand({ ApiId: "h7t9p2q4r6" }));
      expect(integrations.Items?.[0]).toMatchObject({ IntegrationId: "in00001", IntegrationType: "AWS_PROXY", IntegrationUri: fnArn(US, "reports") });
      const authorizers = await us.apiGatewayV2.send(new GetHttpAuthorizersCommand({ ApiId: "h7t9p2q4r6" }));
      expect(authorizers.Items?.[0]?.AuthorizerUri).toContain(fnArn(US, "edge-auth"));
      const stages = await us.apiGatewayV2.send(new GetHttpStagesCommand({ ApiId: "h7t9p2q4r6" }));
      expect(stages.Items?.[0]).toMatchObject({
        StageName: "$default",
        AccessLogSettings: { DestinationArn: `arn:aws:logs:${US}:${ACCOUNT}:log-group:/apigw/reports-http` },
        DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50, DetailedMetricsEnabled: false },
      });
      expect(await awsError(us.apiGatewayV2.send(new GetRoutesCommand({ ApiId: "missing" })))).toMatchObject({
        name: "NotFoundException",
        status: 404,
      });
    });
  });

  describe("CloudWatch Logs (JSON 1.1)", () => {
    it("filters log groups by prefix, by identifiers and pages them", async () => {
      const byPrefix = await eu.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/orders-api" }));
      expect(byPrefix.logGroups?.map((group) => group.logGroupName)).toEqual(["/aws/lambda/orders-api", "/aws/lambda/orders-api-old"]);
      expect(byPrefix.logGroups?.[0]).toMatchObject({ retentionInDays: 30, logGroupArn: `arn:aws:logs:${EU}:${ACCOUNT}:log-group:/aws/lambda/orders-api` });
      const byIdentifiers = await eu.logs.send(
        new DescribeLogGroupsCommand({
          logGroupIdentifiers: ["/aws/lambda/image-fn", `arn:aws:logs:${EU}:${ACCOUNT}:log-group:/aws/lambda/signed-fn`, "/nope"],
        }),
      );
      expect(byIdentifiers.logGroups?.map((group) => [group.logGroupName, group.kmsKeyId !== undefined])).toEqual([
        ["/aws/lambda/image-fn", true],
        ["/aws/lambda/signed-fn", false],
      ]);
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateDescribeLogGroups({ client: eu.logs, pageSize: 2 }, { logGroupNamePrefix: "/aws/lambda/" })) {
        pages += 1;
        names.push(...(page.logGroups ?? []).map((group) => group.logGroupName ?? ""));
      }
      expect(pages).toBe(3);
      expect(names).toHaveLength(6);
      expect(
        await awsError(eu.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/a", logGroupIdentifiers: ["/a"] }))),
      ).toMatchObject({ name: "InvalidParameterException", status: 400 });
    });
  });

  describe("IAM (Query, URL-encoded documents)", () => {
    it("serves roles with URL-encoded trust policies, last use and boundaries", async () => {
      const role = await eu.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }));
      expect(role.Role?.Arn).toBe(ROLES.app);
      expect(role.Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
      expect(JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ""))).toEqual(fixtureSnapshot().roles[0]?.trustPolicy);
      expect(role.Role?.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);
      expect(role.Role?.CreateDate).toBeInstanceOf(Date);

      const never = await eu.iam.send(new GetRoleCommand({ RoleName: "legacy-admin-role" }));
      expect(never.Role?.RoleLastUsed?.LastUsedDate).toBeUndefined();
      expect(never.Role?.Tags).toEqual([{ Key: "owner", Value: "nobody" }]);
      const bounded = await eu.iam.send(new GetRoleCommand({ RoleName: "edge-auth-role" }));
      expect(bounded.Role?.Path).toBe("/service-role/");
      expect(bounded.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toMatch(/developer-boundary$/);
      expect(await awsError(eu.iam.send(new GetRoleCommand({ RoleName: "ghost" })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
    });

    it("pages attached policies with Marker and IsTruncated", async () => {
      const arns: string[] = [];
      let pages = 0;
      for await (const page of paginateListAttachedRolePolicies({ client: eu.iam }, { RoleName: "app-function-role" })) {
        pages += 1;
        arns.push(...(page.AttachedPolicies ?? []).map((policy) => policy.PolicyArn ?? ""));
      }
      expect(pages).toBe(2);
      expect(arns).toEqual(fixtureSnapshot().roles[0]?.attachedPolicyArns);
    });

    it("serves inline and managed policy documents URL-encoded", async () => {
      const names = await eu.iam.send(new ListRolePoliciesCommand({ RoleName: "legacy-admin-role" }));
      expect(names.PolicyNames).toEqual(["everything"]);
      expect(names.IsTruncated).toBe(false);
      const inline = await eu.iam.send(new GetRolePolicyCommand({ RoleName: "legacy-admin-role", PolicyName: "everything" }));
      expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ""))).toEqual({
        Version: "2012-10-17",
        Statement: { Effect: "Allow", Action: "*", Resource: "*" },
      });
      const managed = await eu.iam.send(new GetManagedPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" }));
      expect(managed.Policy).toMatchObject({ DefaultVersionId: "v3", PolicyName: "AWSLambdaVPCAccessExecutionRole", Path: "/service-role/" });
      const version = await eu.iam.send(
        new GetPolicyVersionCommand({ PolicyArn: managed.Policy?.Arn, VersionId: managed.Policy?.DefaultVersionId }),
      );
      expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
      expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? "")).Statement[0].Action).toContain(
        "ec2:CreateNetworkInterface",
      );
      expect(await awsError(eu.iam.send(new GetPolicyVersionCommand({ PolicyArn: managed.Policy?.Arn, VersionId: "v1" })))).toMatchObject({
        name: "NoSuchEntityException",
      });
    });
  });

  describe("STS and EC2 (Query, EC2 Query)", () => {
    it("answers GetCallerIdentity, and AssumeRole credentials act as the role", async () => {
      const me = await eu.sts.send(new GetCallerIdentityCommand({}));
      expect(me.Account).toBe(ACCOUNT);
      expect(me.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/lambda-posture-stub`);
      // AssumeRole needs a role whose trust policy names the caller's account (stub/sts-assume-role.ts).
      const scanner = {
        arn: `arn:aws:iam::${ACCOUNT}:role/scanner`,
        name: "scanner",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }],
        },
      };
      const own = await startStub({ account: { ...fixtureAccount(), roles: [...fixtureAccount().roles, scanner] }, quotas: false });
      onTestFinished(() => own.close());
      const assumed = await stubClients(own.url, EU).sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/scanner`, RoleSessionName: "lambda-posture", ExternalId: "x" }),
      );
      expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
      const asRole = new STSClient({
        region: EU,
        endpoint: own.url,
        maxAttempts: 1,
        credentials: {
          accessKeyId: assumed.Credentials?.AccessKeyId ?? "",
          secretAccessKey: assumed.Credentials?.SecretAccessKey ?? "",
          sessionToken: assumed.Credentials?.SessionToken ?? "",
        },
      });
      const who = await asRole.send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/scanner/lambda-posture`);
    });

    it("describes regions, security groups and subnets", async () => {
      const regions = await eu.ec2.send(new DescribeRegionsCommand({}));
      expect(regions.Regions?.map((region) => region.RegionName)).toEqual([EU, US, EMPTY_REGION]);
      const groups = await eu.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0open0000"] }));
      expect(groups.SecurityGroups?.[0]?.IpPermissionsEgress?.[0]).toMatchObject({
        IpProtocol: "-1",
        IpRanges: [{ CidrIp: "0.0.0.0/0" }],
        Ipv6Ranges: [{ CidrIpv6: "::/0" }],
      });
      const byFilter = await eu.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: ["sg-0open0000"] }] }));
      expect(byFilter.SecurityGroups).toHaveLength(1);
      const subnets = await eu.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ["subnet-0bbb2222", "subnet-0aaa1111"] }));
      expect(subnets.Subnets?.map((subnet) => [subnet.SubnetId, subnet.AvailabilityZone])).toEqual([
        ["subnet-0aaa1111", "eu-west-1a"],
        ["subnet-0bbb2222", "eu-west-1b"],
      ]);
      expect(await awsError(eu.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-missing"] })))).toMatchObject({
        name: "InvalidGroup.NotFound",
        status: 400,
      });
      expect(
        await awsError(eu.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0open0000"], MaxResults: 5 }))),
      ).toMatchObject({ name: "InvalidParameterCombination" });
      const paged = await eu.ec2.send(new DescribeSubnetsCommand({ MaxResults: 5 }));
      expect(paged.Subnets).toHaveLength(2);
      expect(paged.NextToken).toBeUndefined();
    });
  });

  it("refuses regions the account has not enabled, as AWS does", async () => {
    const closed = stubClients(stub.url, "ap-southeast-4");
    expect(await awsError(closed.lambda.send(new ListFunctionsCommand({})))).toMatchObject({
      name: "UnrecognizedClientException",
      status: 403,
    });
    expect(await awsError(closed.ec2.send(new DescribeSubnetsCommand({})))).toMatchObject({ name: "AuthFailure" });
    // IAM is global: signed for us-east-1 whatever the client's region.
    await expect(closed.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }))).resolves.toBeDefined();
  });
});

describe("loopback stub: dispatch and accounting", () => {
  it("serves every read on the scanner's allow-list", () => {
    const served = new Set(servedOperations());
    expect(allowedOperationIds().filter((id) => !served.has(id))).toEqual([]);
  });

  it("is reached through AWS_ENDPOINT_URL alone, as the scanner reaches it", async () => {
    await withStub({}, async (stub) => {
      vi.stubEnv("AWS_ENDPOINT_URL", stub.url);
      vi.stubEnv("AWS_ACCESS_KEY_ID", STUB_CREDENTIALS.accessKeyId);
      vi.stubEnv("AWS_SECRET_ACCESS_KEY", STUB_CREDENTIALS.secretAccessKey);
      vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
      try {
        const lambda = new LambdaClient({ region: US });
        const page = await lambda.send(new ListFunctionsCommand({}));
        expect(page.Functions?.map((fn) => fn.FunctionName).sort()).toEqual(["edge-auth", "reports"]);
        const sts = new STSClient({ region: US });
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT);
      } finally {
        vi.unstubAllEnvs();
      }
      expect(stub.stats().servedByRegion[US]).toEqual({ "lambda:ListFunctions": 1, "sts:GetCallerIdentity": 1 });
    });
  });

  it("counts calls by operation and names mutating calls so the allow-list can be asserted", async () => {
    await withStub({}, async (stub) => {
      const eu = stubClients(stub.url, EU);
      await eu.lambda.send(new ListFunctionsCommand({}));
      await eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }));
      await eu.lambda.send(new GetFunctionCommand({ FunctionName: "signed-fn" }));
      await awsError(eu.lambda.send(new GetPolicyCommand({ FunctionName: "signed-fn" })));
      await eu.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }));
      let stats = stub.stats();
      expect(stats.calls).toEqual({
        "lambda:ListFunctions": 1,
        "lambda:GetFunction": 2,
        "lambda:GetPolicy": 1,
        "iam:GetRole": 1,
      });
      expect(stats.errors).toEqual({ "lambda:GetPolicy ResourceNotFoundException": 1 });
      expect(stats.operations.every((id) => isAllowedOperation(...(id.split(":") as [string, string])))).toBe(true);
      expect(stats.records.filter((r) => r.operation === "GetFunction").map((r) => r.resource)).toEqual([
        fnArn(EU, "orders-api"),
        fnArn(EU, "signed-fn"),
      ]);

      // A mutating call is named as the SDK names it, refused, and fails the allow-list assertion.
      await awsError(eu.lambda.send(new DeleteFunctionCommand({ FunctionName: "orders-api" })));
      stats = stub.stats();
      expect(stats.unimplemented).toEqual(["lambda:DeleteFunction"]);
      expect(stats.operations.filter((id) => !isAllowedOperation(...(id.split(":") as [string, string])))).toEqual([
        "lambda:DeleteFunction",
      ]);
      stub.resetStats();
      expect(stub.stats().total).toBe(0);
    });
  });
});

describe("loopback stub: fault injection", () => {
  it("throttles with each service's own error code and status", async () => {
    await withStub({ faults: [{ kind: "throttle" }] }, async (stub) => {
      const c = stubClients(stub.url, EU);
      const results = {
        lambda: await awsError(c.lambda.send(new ListFunctionsCommand({}))),
        apiGateway: await awsError(c.apiGateway.send(new GetRestApisCommand({}))),
        apiGatewayV2: await awsError(c.apiGatewayV2.send(new GetApisCommand({}))),
        iam: await awsError(c.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }))),
        logs: await awsError(c.logs.send(new DescribeLogGroupsCommand({}))),
        ec2: await awsError(c.ec2.send(new DescribeSubnetsCommand({}))),
        sts: await awsError(c.sts.send(new GetCallerIdentityCommand({}))),
      };
      expect(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, [v.name, v.status]]))).toEqual({
        lambda: ["TooManyRequestsException", 429],
        apiGateway: ["TooManyRequestsException", 429],
        apiGatewayV2: ["TooManyRequestsException", 429],
        iam: ["Throttling", 400],
        logs: ["ThrottlingException", 400],
        ec2: ["RequestLimitExceeded", 503],
        sts: ["Throttling", 400],
      });
      expect(stub.stats().injected.throttle?.["lambda:ListFunctions"]).toBe(1);
    });
  });

  it("denies access per operation and resource, leaving other calls alone", async () => {
    const faults = [
      { kind: "access-denied" as const, operation: "lambda:GetPolicy", resource: "public-url-fn" },
      { kind: "access-denied" as const, operation: "iam:*" },
    ];
    await withStub({ faults }, async (stub) => {
      const c = stubClients(stub.url, EU);
      expect(await awsError(c.lambda.send(new GetPolicyCommand({ FunctionName: "public-url-fn" })))).toMatchObject({
        name: "AccessDeniedException",
        status: 403,
      });
      const denied = await awsError(c.lambda.send(new GetPolicyCommand({ FunctionName: fnArn(EU, "public-url-fn") })));
      expect(denied.message).toContain("lambda:GetPolicy");
      await expect(c.lambda.send(new GetPolicyCommand({ FunctionName: "orders-api" }))).resolves.toBeDefined();
      expect(await awsError(c.iam.send(new GetRoleCommand({ RoleName: "app-function-role" })))).toMatchObject({
        name: "AccessDenied",
        status: 403,
      });
    });
  });

  it("answers 500s, drops connections and delays answers", async () => {
    const faults = [
      { kind: "server-error" as const, operation: "ListFunctions", region: EU },
      { kind: "drop" as const, operation: "lambda:GetFunction", limit: 1 },
      { kind: "slow" as const, operation: "iam:GetRole", delayMs: 5 },
    ];
    await withStub({ faults }, async (stub) => {
      const eu = stubClients(stub.url, EU);
      expect(await awsError(eu.lambda.send(new ListFunctionsCommand({})))).toMatchObject({ name: "ServiceException", status: 500 });
      await expect(stubClients(stub.url, US).lambda.send(new ListFunctionsCommand({}))).resolves.toBeDefined();
      const dropped = await awsError(eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" })));
      expect(dropped.status).toBeUndefined();
      // `limit: 1`: the next call goes through.
      await expect(eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }))).resolves.toBeDefined();
      await expect(eu.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }))).resolves.toBeDefined();
      expect(stub.stats().injected).toEqual({
        "server-error": { "lambda:ListFunctions": 1 },
        drop: { "lambda:GetFunction": 1 },
        slow: { "iam:GetRole": 1 },
      });
    });
  });

  it("draws random faults from the seed: same seed, same faults", async () => {
    const outcomes = async (seed: number) =>
      withStub({ seed, faults: [{ kind: "throttle", probability: 0.5 }] }, async (stub) => {
        const eu = stubClients(stub.url, EU);
        const seen: string[] = [];
        for (let i = 0; i < 40; i += 1) {
          seen.push(await eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" })).then(() => "ok", () => "throttled"));
        }
        return seen.join(",");
      });
    const first = await outcomes(7);
    expect(await outcomes(7)).toBe(first);
    expect(await outcomes(8)).not.toBe(first);
    expect(first).toContain("ok");
    expect(first).toContain("throttled");
  });

  it("lets the SDK's retries absorb throttling capped at maxConsecutive", async () => {
    await withStub({ seed: 3, faults: [{ kind: "throttle", probability: 0.9, maxConsecutive: 2 }] }, async (stub) => {
      const eu = stubClients(stub.url, EU, 3);
      // One read: each throttled attempt costs the SDK's throttling back-off (a base of 500 ms).
      await expect(eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }))).resolves.toBeDefined();
      const throttled = stub.stats().injected.throttle?.["lambda:GetFunction"] ?? 0;
      expect(throttled).toBeGreaterThan(0);
      expect(throttled).toBeLessThanOrEqual(2);
    });
  });
});

describe("loopback stub: quotas", () => {
  const frozen = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it("throttles beyond each bucket, per region, with AWS's own throttling answer", async () => {
    const clock = frozen();
    await withStub({ quotas: {}, now: clock.now }, async (stub) => {
      const eu = stubClients(stub.url, EU);
      const us = stubClients(stub.url, US);
      const outcome = (p: Promise<unknown>) => p.then(() => "ok", (e: { name: string }) => e.name);
      const tally = (results: string[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});

      // GetPolicy: 15/s per region (burst one second's worth).
      const euPolicy = [];
      for (let i = 0; i < 20; i += 1) euPolicy.push(await outcome(eu.lambda.send(new GetPolicyCommand({ FunctionName: "orders-api" }))));
      expect(tally(euPolicy)).toEqual({ ok: 15, TooManyRequestsException: 5 });
      const usPolicy = [];
      for (let i = 0; i < 16; i += 1) usPolicy.push(await outcome(us.lambda.send(new GetPolicyCommand({ FunctionName: "edge-auth" }))));
      expect(tally(usPolicy)).toEqual({ ok: 15, TooManyRequestsException: 1 });

      // GetFunction has its own 100/s bucket, untouched by GetPolicy.
      const gets = [];
      for (let i = 0; i < 101; i += 1) gets.push(await outcome(eu.lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }))));
      expect(tally(gets)).toEqual({ ok: 100, TooManyRequestsException: 1 });

      // The other control-plane calls share one 15/s bucket.
      const shared = [];
      for (let i = 0; i < 8; i += 1) {
        shared.push(await outcome(eu.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "orders-api" }))));
        shared.push(await outcome(eu.lambda.send(new ListTagsCommand({ Resource: fnArn(EU, "orders-api") }))));
      }
      expect(tally(shared)).toEqual({ ok: 15, TooManyRequestsException: 1 });

      // API Gateway: 10/s for the whole account, whatever the region.
      const apis = [];
      for (let i = 0; i < 6; i += 1) {
        apis.push(await outcome(eu.apiGateway.send(new GetRestApisCommand({}))));
        apis.push(await outcome(us.apiGatewayV2.send(new GetApisCommand({}))));
      }
      expect(tally(apis)).toEqual({ ok: 10, TooManyRequestsException: 2 });

      // A second later the buckets have refilled.
      clock.advance(1000);
      expect(await outcome(eu.lambda.send(new GetPolicyCommand({ FunctionName: "orders-api" })))).toBe("ok");
      expect(await outcome(eu.apiGateway.send(new GetRestApisCommand({})))).toBe("ok");

      const stats = stub.stats();
      expect(stats.throttled).toEqual({
        "lambda:GetPolicy": 6,
        "lambda:GetFunction": 1,
        "lambda:ListTags": 1,
        "apigateway:GetRestApis": 1,
        "apigatewayv2:GetApis": 1,
      });
      expect(stats.servedByRegion[EU]?.["lambda:GetPolicy"]).toBe(16);
    });
  });

  it("limits GetResources to 5 per 2 seconds and IAM to its configured budget", async () => {
    const clock = frozen();
    await withStub({ quotas: { iam: 3 }, now: clock.now }, async (stub) => {
      const eu = stubClients(stub.url, EU);
      const outcome = (p: Promise<unknown>) => p.then(() => "ok", (e: { name: string }) => e.name);
      const resources = [];
      for (let i = 0; i < 7; i += 1) resources.push(await outcome(eu.apiGateway.send(new GetResourcesCommand({ restApiId: "a1b2c3d4e5" }))));
      expect(resources).toEqual(["ok", "ok", "ok", "ok", "ok", "TooManyRequestsException", "TooManyRequestsException"]);
      clock.advance(400);
      expect(await outcome(eu.apiGateway.send(new GetResourcesCommand({ restApiId: "a1b2c3d4e5" })))).toBe("ok");

      const roles = [];
      for (let i = 0; i < 4; i += 1) roles.push(await outcome(eu.iam.send(new GetRoleCommand({ RoleName: "app-function-role" }))));
      expect(roles).toEqual(["ok", "ok", "ok", "Throttling"]);
    });
  });

  it("computes the floor the quotas impose on a set of calls", () => {
    const floor = quotaFloor({
      [EU]: { "lambda:GetFunction": 1000, "lambda:GetPolicy": 300, "lambda:GetFunctionUrlConfig": 600, "lambda:ListFunctions": 20, "apigateway:GetRestApis": 40 },
      // IAM is signed for us-east-1: its calls are under that region, and its bucket is account-wide.
      [US]: { "lambda:GetFunction": 500, "lambda:GetFunctionUrlConfig": 900, "apigatewayv2:GetApis": 30, "iam:GetRole": 200 },
    });
    // EU shared budget: (600 + 20) / 15 = 41.3 s; US shared: 900 / 15 = 60 s; API Gateway: 70 / 10 = 7 s; IAM: 200 / 20 = 10 s.
    expect(floor.seconds).toBeCloseTo(60, 5);
    expect(floor.bindingBucket).toBe(`lambda:controlPlane@${US}`);
    expect(floor.buckets.find((b) => b.bucket === "apigateway:management")).toMatchObject({ calls: 70, region: null, seconds: 7 });
    expect(floor.buckets.find((b) => b.bucket === "lambda:GetPolicy")).toMatchObject({ calls: 300, seconds: 20 });
    expect(DEFAULT_QUOTAS.lambdaGetFunction).toBe(100);
  });
});

describe("synthetic accounts", () => {
  it("are deterministic for a seed and valid as snapshots", () => {
    const a = generateSyntheticAccount({ functions: 300, regions: ["eu-west-1", "us-east-1", "ap-south-1"], seed: 42 });
    const b = generateSyntheticAccount({ functions: 300, regions: ["eu-west-1", "us-east-1", "ap-south-1"], seed: 42 });
    const c = generateSyntheticAccount({ functions: 300, regions: ["eu-west-1", "us-east-1", "ap-south-1"], seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a.functions).toHaveLength(300);
    expect(new Set(a.functions.map((fn) => fn.region))).toEqual(new Set(["eu-west-1", "us-east-1", "ap-south-1"]));
    // Roles are shared: far fewer roles than functions, and every function's role exists.
    expect(a.roles.length).toBeLessThan(a.functions.length / 4);
    const roleArns = new Set(a.roles.map((role) => role.arn));
    expect(a.functions.every((fn) => fn.role && roleArns.has(fn.role))).toBe(true);
    const policyArns = new Set(a.managedPolicies.map((policy) => policy.arn));
    expect(a.roles.every((role) => (role.attachedPolicyArns ?? []).every((arn) => policyArns.has(arn)))).toBe(true);
    expect(a.restApis.length + a.httpApis.length).toBeGreaterThan(0);
    expect(a.logGroups.length).toBeGreaterThan(200);
    const snapshot = syntheticSnapshot(a, "2026-11-01T00:00:00.000Z");
    expect(snapshot.functions).toHaveLength(300);
    expect(snapshot.functions.some((fn) => fn.environment?.some((entry) => entry.secretKinds.length > 0))).toBe(true);
  });

  it("are served by the stub, 50 functions a page at most", async () => {
    const account = generateSyntheticAccount({ functions: 130, regions: ["eu-west-1"], seed: 1 });
    await withStub({ account }, async (stub) => {
      const eu = stubClients(stub.url, "eu-west-1");
      const first = await eu.lambda.send(new ListFunctionsCommand({ MaxItems: 100 }));
      expect(first.Functions).toHaveLength(50);
      let count = 0;
      for await (const page of paginateListFunctions({ client: eu.lambda }, {})) count += page.Functions?.length ?? 0;
      expect(count).toBe(130);
      const fn = account.functions[0];
      const got = await eu.lambda.send(new GetFunctionCommand({ FunctionName: fn?.name }));
      expect(got.Configuration?.Environment?.Variables).toEqual(account.environmentValues?.[fn?.arn ?? ""] ?? undefined);
    });
  });
});
