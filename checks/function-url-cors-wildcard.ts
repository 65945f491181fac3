import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-url-cors-wildcard",
  title: "Function URL CORS allows only named origins",
  severity: "medium",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-4", "SC-7"],
    owaspServerless: ["SAS-3"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "A wildcard in AllowOrigins lets script on any website call the function URL from a visitor's " +
    "browser and read the response; combined with AllowCredentials it hands the visitor's cookies to " +
    "any page that asks.",
  remediation:
    "List the exact origins that need the URL: Lambda console > function > Configuration > Function URL > " +
    "Edit > Configure cross-origin resource sharing (CORS), or `aws lambda update-function-url-config " +
    "--function-name NAME --cors 'AllowOrigins=https://app.example.com,AllowCredentials=false'`.",
  requires: ["lambda:GetFunctionUrlConfig", "lambda:ListAliases", "lambda:ListFunctionUrlConfigs"],
  limitations: "Judged for the function's URL and each alias's URL (versions cannot have one).",
  reasons: {
    urlNotRead: "The function URL configuration was not read.",
    noFunctionUrl: "The function has no function URL.",
    corsNotConfigured: "The function URL has no CORS configuration (browsers refuse cross-origin reads).",
    corsWildcardWithCredentials: "The function URL allows credentialed cross-origin requests from wildcard origins.",
    corsWildcardOrigin: "The function URL allows cross-origin requests from {origins}.",
    corsNamedOrigins: "The function URL allows cross-origin requests only from named origins.",
  },
  evaluate(target) {
    if (target.url === undefined) return unknown("urlNotRead");
    if (target.url === null) return pass("noFunctionUrl");
    if (target.url.cors === null) return pass("corsNotConfigured");
    const origins = target.url.cors.allowOrigins ?? [];
    const wildcards = origins.filter((origin) => origin.includes("*"));
    const evidence = { "url.cors.allowOrigins": origins, "url.cors.allowCredentials": target.url.cors.allowCredentials ?? false };
    if (wildcards.length > 0 && target.url.cors.allowCredentials === true) {
      return fail("corsWildcardWithCredentials", evidence);
    }
    if (wildcards.length > 0) return fail("corsWildcardOrigin", evidence, { origins: wildcards.join(", ") });
    return pass("corsNamedOrigins", evidence);
  },
});
