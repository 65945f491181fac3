import { GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import {
  GetApisCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetV2StagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import { describe, expect, it } from "vitest";
import apiStageVariablesSecretPlaintext from "../../checks/api-stage-variables-secret-plaintext.js";
import { invokedFunction } from "../../src/collect/integrations.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { viewWithoutRoles } from "../support/evaluate.js";
import { ACCOUNT, OTHER_REGION, REGION, accessDenied, collect, countSent, functionArn, regionOf, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();

const lambdaUri = (target: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${target}/invocations`;

describe("invokedFunction", () => {
  it.each([
    [lambdaUri(functionArn("api")), functionArn("api"), null],
    [lambdaUri(`${functionArn("api")}:live`), functionArn("api"), "live"],
    [lambdaUri(`${functionArn("api")}:7`), functionArn("api"), "7"],
    [lambdaUri(`${functionArn("api")}:\${stageVariables.alias}`), functionArn("api"), "${stageVariables.alias}"],
    [functionArn("direct"), functionArn("direct"), null],
    [`${functionArn("direct")}:prod`, functionArn("direct"), "prod"],
    ["https://backend.example.com/orders", null, null],
    [null, null, null],
  ])("%s", (uri, functionArnExpected, qualifier) => {
    expect(invokedFunction(uri)).toEqual({ functionArn: functionArnExpected, functionQualifier: qualifier });
  });
});

describe("collectRestApis", () => {
  it("reads APIs and resources over several pages, resolving integrations and authorizers to functions", async () => {
    mocks.apigateway
      .on(GetRestApisCommand)
      .resolvesOnce({ items: [{ id: "a1", name: "orders", endpointConfiguration: { types: ["REGIONAL"] } }], position: "p2" })
      .resolvesOnce({
        items: [
          {
            id: "a2",
            name: "private",
            policy: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"execute-api:Invoke\\",\\"Resource\\":\\"*\\"}]}',
          },
        ],
      });
    mocks.apigateway.on(GetResourcesCommand, { restApiId: "a1" }).callsFake((input: { position?: string }) =>
      input.position
        ? {
            items: [
              {
                id: "r2",
                path: "/orders/{id}",
                resourceMethods: {
                  GET: {
                    httpMethod: "GET",
                    authorizationType: "CUSTOM",
                    authorizerId: "auth1",
                    apiKeyRequired: false,
                    methodIntegration: { type: "AWS_PROXY", uri: lambdaUri(`${functionArn("orders")}:live`) },
                  },
                },
              },
            ],
          }
        : {
            items: [
              {
                id: "r1",
                path: "/orders",
                resourceMethods: {
                  POST: {
                    httpMethod: "POST",
                    authorizationType: "NONE",
                    apiKeyRequired: true,
                    methodIntegration: { type: "AWS", uri: lambdaUri(functionArn("orders")) },
                  },
                },
              },
            ],
            position: "page-2",
          },
    );
    mocks.apigateway.on(GetResourcesCommand, { restApiId: "a2" }).resolves({ items: [{ id: "root", path: "/" }] });
    mocks.apigateway.on(GetAuthorizersCommand).resolves({
      items: [{ id: "auth1", name: "jwt", type: "TOKEN", authorizerUri: lambdaUri(functionArn("authorizer")) }],
    });
    mocks.apigateway.on(GetStagesCommand).resolves({
      item: [
        {
          stageName: "prod",
          deploymentId: "d1",
          tracingEnabled: true,
          accessLogSettings: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:access` },
          methodSettings: { "*/*": { loggingLevel: "ERROR", throttlingRateLimit: 100, throttlingBurstLimit: 50 } },
          variables: { backendToken: "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", alias: "live" },
        },
      ],
    });
    const { snapshot } = await collect();
    expect(countSent(mocks, "apigateway:GetRestApis")).toBe(2);
    expect(countSent(mocks, "apigateway:GetResources")).toBe(3);
    for (const call of mocks.apigateway.commandCalls(GetResourcesCommand)) expect(call.args[0].input.embed).toEqual(["methods"]);
    const [orders, privateApi] = snapshot.restApis ?? [];
    expect(orders).toMatchObject({ id: "a1", arn: `arn:aws:apigateway:${REGION}::/restapis/a1`, endpointTypes: ["REGIONAL"], policy: null });
    expect(privateApi?.policy).toMatchObject({ Statement: [expect.objectContaining({ Action: "execute-api:Invoke" })] });
    expect(orders?.resources).toEqual([
      {
        id: "r1",
        path: "/orders",
        methods: [
          {
            httpMethod: "POST",
            authorizationType: "NONE",
            authorizerId: null,
            apiKeyRequired: true,
            integration: { type: "AWS", uri: lambdaUri(functionArn("orders")), functionArn: functionArn("orders"), functionQualifier: null },
          },
        ],
      },
      {
        id: "r2",
        path: "/orders/{id}",
        methods: [
          expect.objectContaining({
            authorizerId: "auth1",
            integration: expect.objectContaining({ functionArn: functionArn("orders"), functionQualifier: "live" }),
          }),
        ],
      },
    ]);
    expect(orders?.authorizers).toEqual([{ id: "auth1", name: "jwt", type: "TOKEN", functionArn: functionArn("authorizer") }]);
    expect(orders?.stages?.[0]).toMatchObject({
      name: "prod",
      arn: `arn:aws:apigateway:${REGION}::/restapis/a1/stages/prod`,
      tracingEnabled: true,
      webAclArn: null,
      clientCertificateId: null,
      methodSettings: { "*/*": { loggingLevel: "ERROR", throttlingRateLimit: 100, throttlingBurstLimit: 50 } },
      variables: [
        { key: "backendToken", secretKinds: ["github-token"] },
        { key: "alias", secretKinds: [] },
      ],
    });
    expect(JSON.stringify(snapshot)).not.toContain("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789");
    expect(snapshot.gaps).toEqual([]);
  });

  it("keeps the resources of earlier pages when a later GetResources page is denied, and leaves denied stages absent", async () => {
    mocks.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: "a1", name: "orders" }] });
    mocks.apigateway
      .on(GetResourcesCommand)
      .resolvesOnce({ items: [{ id: "r1", path: "/" }], position: "p2" })
      .rejectsOnce(accessDenied());
    mocks.apigateway.on(GetAuthorizersCommand).resolves({ items: [] });
    mocks.apigateway.on(GetStagesCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    const api = snapshot.restApis?.[0];
    expect(api?.resources).toEqual([{ id: "r1", path: "/", methods: [] }]);
    expect(api).not.toHaveProperty("stages");
    expect(api?.authorizers).toEqual([]);
    const apiArn = `arn:aws:apigateway:${REGION}::/restapis/a1`;
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ service: "apigateway", operation: "GetResources", resourceArn: apiArn, partial: true }),
      expect.objectContaining({ service: "apigateway", operation: "GetStages", resourceArn: apiArn }),
    ]);
    expect(snapshot.gaps[1]?.partial).toBeUndefined();
  });

  it("records a region whose REST APIs cannot be listed as a region-wide gap and reads the other region", async () => {
    mocks.apigateway.on(GetRestApisCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === REGION) throw accessDenied();
      return { items: [{ id: "east", name: "east-api" }] };
    });
    mocks.apigateway.on(GetResourcesCommand).resolves({ items: [] });
    mocks.apigateway.on(GetAuthorizersCommand).resolves({ items: [] });
    mocks.apigateway.on(GetStagesCommand).resolves({ item: [] });
    const { snapshot } = await collect({ regions: [REGION, OTHER_REGION] });
    expect(snapshot.restApis?.map((api) => api.region)).toEqual([OTHER_REGION]);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetRestApis", region: REGION })]);
    expect(snapshot.gaps[0]).not.toHaveProperty("resourceArn");
  });
});

describe("collectHttpApis", () => {
  it("reads APIs, routes over several pages, integrations, authorizers and stages", async () => {
    mocks.apigatewayv2
      .on(GetApisCommand)
      .resolvesOnce({ Items: [{ ApiId: "h1", Name: "http", ProtocolType: "HTTP", RouteSelectionExpression: "x" }], NextToken: "t2" })
      .resolvesOnce({ Items: [{ ApiId: "w1", Name: "ws", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "x" }] });
    mocks.apigatewayv2.on(GetRoutesCommand, { ApiId: "h1" }).callsFake((input: { NextToken?: string }) =>
      input.NextToken
        ? { Items: [{ RouteId: "r2", RouteKey: "POST /admin", AuthorizationType: "JWT", AuthorizerId: "au1", Target: "integrations/i1" }] }
        : { Items: [{ RouteId: "r1", RouteKey: "GET /", AuthorizationType: "NONE", Target: "integrations/i1" }], NextToken: "n2" },
    );
    mocks.apigatewayv2.on(GetRoutesCommand, { ApiId: "w1" }).resolves({ Items: [] });
    mocks.apigatewayv2.on(GetIntegrationsCommand).resolves({
      Items: [{ IntegrationId: "i1", IntegrationType: "AWS_PROXY", IntegrationUri: `${functionArn("http-fn")}:prod` }],
    });
    mocks.apigatewayv2.on(GetV2AuthorizersCommand).resolves({
      Items: [{ AuthorizerId: "au1", Name: "jwt", AuthorizerType: "JWT" }],
    });
    mocks.apigatewayv2.on(GetV2StagesCommand).resolves({
      Items: [{ StageName: "$default", AutoDeploy: true, DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } }],
    });
    const { snapshot } = await collect();
    expect(countSent(mocks, "apigatewayv2:GetApis")).toBe(2);
    expect(countSent(mocks, "apigatewayv2:GetRoutes")).toBe(3);
    const http = snapshot.httpApis?.find((api) => api.id === "h1");
    expect(http).toMatchObject({ arn: `arn:aws:apigateway:${REGION}::/apis/h1`, protocolType: "HTTP", cors: null });
    expect(http?.routes?.map((route) => [route.routeKey, route.authorizationType, route.target])).toEqual([
      ["GET /", "NONE", "integrations/i1"],
      ["POST /admin", "JWT", "integrations/i1"],
    ]);
    expect(http?.integrations).toEqual([
      { id: "i1", type: "AWS_PROXY", uri: `${functionArn("http-fn")}:prod`, functionArn: functionArn("http-fn"), functionQualifier: "prod" },
    ]);
    expect(http?.authorizers).toEqual([{ id: "au1", name: "jwt", type: "JWT", functionArn: null }]);
    expect(http?.stages).toEqual([
      {
        name: "$default",
        arn: `arn:aws:apigateway:${REGION}::/apis/h1/stages/$default`,
        accessLogDestinationArn: null,
        autoDeploy: true,
        defaultRouteThrottling: { burstLimit: 10, rateLimit: 5 },
        detailedMetricsEnabled: false,
        variables: [],
      },
    ]);
    expect(snapshot.httpApis?.find((api) => api.id === "w1")?.protocolType).toBe("WEBSOCKET");
  });

  it("keeps the routes of earlier pages when a later page is denied", async () => {
    mocks.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: "h1", Name: "http", ProtocolType: "HTTP", RouteSelectionExpression: "x" }] });
    mocks.apigatewayv2
      .on(GetRoutesCommand)
      .resolvesOnce({ Items: [{ RouteId: "r1", RouteKey: "GET /" }], NextToken: "n2" })
      .rejectsOnce(accessDenied());
    mocks.apigatewayv2.on(GetIntegrationsCommand).rejects(accessDenied());
    mocks.apigatewayv2.on(GetV2AuthorizersCommand).resolves({ Items: [] });
    mocks.apigatewayv2.on(GetV2StagesCommand).resolves({ Items: [] });
    const { snapshot } = await collect();
    const api = snapshot.httpApis?.[0];
    expect(api?.routes).toEqual([expect.objectContaining({ id: "r1", authorizationType: "NONE" })]);
    expect(api).not.toHaveProperty("integrations");
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.partial ?? false])).toEqual([
      ["GetIntegrations", false],
      ["GetRoutes", true],
    ]);
  });
});

describe("successful API Gateway answers that leave things out (three states)", () => {
  const ordersUri = lambdaUri(functionArn("orders"));

  it("read a REST stage without stage variables as having none ([]), so the stage-variables check passes it instead of saying not read", async () => {
    mocks.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: "a1", name: "orders" }] });
    mocks.apigateway.on(GetResourcesCommand).resolves({
      items: [{ id: "r1", path: "/", resourceMethods: { GET: { httpMethod: "GET", authorizationType: "NONE", methodIntegration: { type: "AWS_PROXY", uri: ordersUri } } } }],
    });
    mocks.apigateway.on(GetStagesCommand).resolves({ item: [{ stageName: "prod" }, { stageName: "empty", variables: {} }] });
    const { snapshot } = await collect();
    expect(snapshot.restApis?.[0]?.stages?.map((stage) => [stage.name, stage.variables])).toEqual([
      ["empty", []],
      ["prod", []],
    ]);
    expect(snapshot.gaps).toEqual([]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [apiStageVariablesSecretPlaintext]);
    expect(evaluations.map((evaluation) => evaluation.result.status)).toEqual(["pass", "pass"]);
  });

  it("read an HTTP API stage without stage variables as having none ([]) too", async () => {
    mocks.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: "h1", Name: "http", ProtocolType: "HTTP", RouteSelectionExpression: "x" }] });
    mocks.apigatewayv2.on(GetRoutesCommand).resolves({ Items: [{ RouteId: "r1", RouteKey: "GET /", Target: "integrations/i1" }] });
    mocks.apigatewayv2.on(GetIntegrationsCommand).resolves({ Items: [{ IntegrationId: "i1", IntegrationType: "AWS_PROXY", IntegrationUri: functionArn("http-fn") }] });
    mocks.apigatewayv2.on(GetV2StagesCommand).resolves({ Items: [{ StageName: "$default" }] });
    const { snapshot } = await collect();
    expect(snapshot.httpApis?.[0]?.stages?.[0]?.variables).toEqual([]);
    expect(snapshot.gaps).toEqual([]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [apiStageVariablesSecretPlaintext]);
    expect(evaluations.map((evaluation) => [evaluation.resource.name, evaluation.result.status])).toEqual([["http/$default", "pass"]]);
  });

  it("read API settings left out of the answer as their defaults, not as not read", async () => {
    mocks.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: "a1", name: "orders" }] });
    mocks.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: "h1", Name: "http", ProtocolType: "HTTP", RouteSelectionExpression: "x" }] });
    mocks.apigatewayv2.on(GetV2StagesCommand).resolves({ Items: [{ StageName: "$default" }] });
    const { snapshot } = await collect();
    expect(snapshot.restApis?.[0]).toMatchObject({ endpointTypes: [], disableExecuteApiEndpoint: false, policy: null });
    expect(snapshot.httpApis?.[0]).toMatchObject({ disableExecuteApiEndpoint: false, cors: null });
    expect(snapshot.httpApis?.[0]?.stages?.[0]).toEqual({
      name: "$default",
      arn: `arn:aws:apigateway:${REGION}::/apis/h1/stages/$default`,
      accessLogDestinationArn: null,
      autoDeploy: false,
      defaultRouteThrottling: null,
      detailedMetricsEnabled: false,
      variables: [],
    });
    expect(snapshot.gaps).toEqual([]);
  });

  it("leave the stages absent, with the gap, when GetStages fails", async () => {
    mocks.apigatewayv2.on(GetApisCommand).resolves({ Items: [{ ApiId: "h1", Name: "http", ProtocolType: "HTTP", RouteSelectionExpression: "x" }] });
    mocks.apigatewayv2.on(GetV2StagesCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot.httpApis?.[0]).not.toHaveProperty("stages");
    expect(snapshot.gaps).toEqual([expect.objectContaining({ service: "apigatewayv2", operation: "GetStages" })]);
  });
});
