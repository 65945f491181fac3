import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

const HTTP_INTEGRATIONS = new Set(["HTTP", "HTTP_PROXY"]);

export default defineCheck({
  id: "api-stage-client-certificate-missing",
  title: "REST API stage authenticates itself to HTTP backends with a client certificate",
  severity: "low",
  layer: "customer",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["IA-9", "SC-8"],
    owaspServerless: ["SAS-3"],
    hipaa: ["164.312(e)(1)", "164.312(d)"],
    fsbp: ["APIGateway.2"],
  },
  rationale:
    "When an API that fronts functions also forwards to HTTP backends, a stage client certificate lets " +
    "those backends verify that a request really comes from API Gateway rather than from anyone who " +
    "found the backend's address.",
  remediation:
    "Generate a client certificate and set it on the stage, then make the backend verify it: API Gateway " +
    "console > Client certificates > Generate, then Stages > stage > Edit > Client certificate; or `aws " +
    "apigateway generate-client-certificate` and `aws apigateway update-stage --rest-api-id API " +
    "--stage-name STAGE --patch-operations op=replace,path=/clientCertificateId,value=CERT_ID`.",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations: "Lambda (AWS_PROXY) integrations are authenticated by IAM and need no certificate; only HTTP integrations are judged.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    notRestApi: "Stage client certificates exist only for REST APIs.",
    noHttpIntegrations: "The API has no HTTP integrations to authenticate to.",
    noClientCertificate: "The stage forwards to HTTP backends without a client certificate.",
    clientCertificateSet: "The stage presents a client certificate to its HTTP backends.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") return notApplicable("notRestApi", stageEvidence(stage));
    const httpBackends = (stage.api.resources ?? []).flatMap((resource) =>
      resource.methods
        .filter((method) => method.integration && HTTP_INTEGRATIONS.has(method.integration.type))
        .map((method) => `${method.httpMethod} ${resource.path}`),
    );
    if (httpBackends.length === 0) {
      return notApplicable("noHttpIntegrations", stageEvidence(stage));
    }
    const evidence = { ...stageEvidence(stage), clientCertificateId: stage.stage.clientCertificateId, httpIntegrations: httpBackends };
    if (stage.stage.clientCertificateId === null) return fail("noClientCertificate", evidence);
    return pass("clientCertificateSet", evidence);
  },
});
