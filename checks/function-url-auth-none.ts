import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-url-auth-none",
  title: "Function URL requires IAM authentication",
  severity: "critical",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "IA-2", "SC-7"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(a)(1)", "164.312(d)"],
    fsbp: ["Lambda.1"],
    cis: ["4.6"],
  },
  rationale:
    "A function URL with AuthType NONE is an HTTPS endpoint anyone on the internet can call; Lambda " +
    "performs no authentication, so the function's own code is the only barrier against abuse, " +
    "injection and denial of wallet.",
  remediation:
    "Require IAM auth on the URL (Lambda console > function > Configuration > Function URL > Edit > " +
    "Auth type AWS_IAM), or delete the URL if an API Gateway with an authorizer fronts the function: " +
    "`aws lambda update-function-url-config --function-name NAME --auth-type AWS_IAM` / " +
    "`aws lambda delete-function-url-config --function-name NAME`.",
  requires: ["lambda:GetFunctionUrlConfig", "lambda:ListAliases", "lambda:ListFunctionUrlConfigs"],
  limitations:
    "Judged for the function's URL and each alias's URL (versions cannot have one). A URL with AuthType NONE " +
    "is only invocable when the resource policy also allows lambda:InvokeFunctionUrl (and, for URLs " +
    "under the October 2025 rule, lambda:InvokeFunction) to everyone (see function-policy-public-invoke " +
    "and function-url-permission-incomplete); this check reports the URL setting itself.",
  reasons: {
    urlNotRead: "The function URL configuration was not read.",
    noFunctionUrl: "The function has no function URL.",
    urlAuthNone: "The function URL accepts unauthenticated requests (AuthType NONE).",
    urlAuthIam: "The function URL requires IAM (SigV4) authentication.",
  },
  evaluate(target) {
    if (target.url === undefined) return unknown("urlNotRead");
    if (target.url === null) return pass("noFunctionUrl");
    if (target.url.authType === "NONE") {
      return fail("urlAuthNone", {
        "url.authType": target.url.authType,
      });
    }
    return pass("urlAuthIam", { "url.authType": target.url.authType });
  },
});
