import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-waf-missing",
  title: "Public REST API stage in front of functions is protected by AWS WAF",
  severity: "medium",
  layer: "customer",
  phase: "trigger",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["SC-7", "SI-4", "SC-5"],
    owaspServerless: ["SAS-1", "SAS-8"],
    hipaa: ["164.312(e)(1)"],
    fsbp: ["APIGateway.4"],
  },
  rationale:
    "A web ACL filters injection payloads, known bad inputs and floods before they reach the function; " +
    "without it every request, malicious or not, is a paid invocation the code must defend against.",
  remediation:
    "Associate a regional web ACL (for example with the AWS managed Core rule set and a rate-based rule): " +
    "AWS WAF console > Web ACLs > web ACL > Associated AWS resources > Add, or `aws wafv2 " +
    "associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn " +
    "arn:aws:apigateway:REGION::/restapis/API/stages/STAGE`.",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations:
    "HTTP APIs cannot be associated with WAF (put CloudFront with a web ACL in front of them); private " +
    "REST APIs are not judged. A web ACL on a CloudFront distribution in front of the API is not seen.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    wafNotSupported: "HTTP and WebSocket APIs cannot be associated with AWS WAF directly.",
    privateApi: "The REST API is private (reachable only through VPC endpoints).",
    noWebAcl: "No AWS WAF web ACL is associated with the stage.",
    webAclAssociated: "An AWS WAF web ACL is associated with the stage.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") return notApplicable("wafNotSupported", stageEvidence(stage));
    const endpointTypes = stage.api.endpointTypes ?? [];
    if (endpointTypes.includes("PRIVATE")) return notApplicable("privateApi", { ...stageEvidence(stage), endpointTypes });
    const evidence = { ...stageEvidence(stage), webAclArn: stage.stage.webAclArn, endpointTypes };
    if (stage.stage.webAclArn === null) return fail("noWebAcl", evidence);
    return pass("webAclAssociated", evidence);
  },
});
