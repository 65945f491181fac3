import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-cache-unencrypted",
  title: "REST API stage cache of function responses is encrypted at rest",
  severity: "medium",
  layer: "customer",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["SC-28", "SC-28(1)"],
    owaspServerless: ["SAS-3"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: ["APIGateway.5"],
  },
  rationale:
    "A stage cache stores function responses, often personal or business data, outside the function; " +
    "unless cache data encryption is on they are held unencrypted at rest.",
  remediation:
    "API Gateway console > API > Stages > stage > Stage details > Edit > Cache settings > Encrypt cache " +
    "data, or `aws apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations " +
    "'op=replace,path=/*/*/caching/dataEncrypted,value=true'`.",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  reasons: {
    ...STAGE_SCOPE_REASONS,
    cacheNotSupported: "HTTP and WebSocket APIs have no stage cache.",
    cacheDisabled: "The stage has no cache cluster.",
    cacheDataUnencrypted: "Cached responses are not encrypted for {methods}.",
    cacheDataEncrypted: "Every cached method encrypts its cache data.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") return notApplicable("cacheNotSupported", stageEvidence(stage));
    if (!stage.stage.cacheClusterEnabled) {
      return notApplicable("cacheDisabled", { ...stageEvidence(stage), cacheClusterEnabled: false });
    }
    const unencrypted = Object.entries(stage.stage.methodSettings)
      .filter(([, settings]) => settings.cachingEnabled === true && settings.cacheDataEncrypted !== true)
      .map(([path]) => path);
    const evidence = { ...stageEvidence(stage), cacheClusterEnabled: true, unencryptedCachedPaths: unencrypted };
    if (unencrypted.length > 0) return fail("cacheDataUnencrypted", evidence, { methods: unencrypted.join(", ") });
    return pass("cacheDataEncrypted", evidence);
  },
});
