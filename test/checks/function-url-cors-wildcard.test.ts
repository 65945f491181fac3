import check from "../../checks/function-url-cors-wildcard.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const withUrl = (cors: Record<string, unknown> | null) =>
  snapshotWith({ functions: [secureFunction({ url: { authType: "AWS_IAM", cors } })] });

describeCheckCases(check, [
  { name: "no function URL", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "noFunctionUrl" } },
  { name: "URL without CORS", snapshot: withUrl(null), expect: { status: "pass", reason: "corsNotConfigured" } },
  { name: "named origins only", snapshot: withUrl({ allowOrigins: ["https://app.example.com"] }), expect: { status: "pass", reason: "corsNamedOrigins" } },
  {
    name: "wildcard origin",
    snapshot: withUrl({ allowOrigins: ["*"] }),
    expect: { status: "fail", reason: "corsWildcardOrigin", evidence: { "url.cors.allowOrigins": ["*"] } },
  },
  { name: "wildcard origin with credentials", snapshot: withUrl({ allowOrigins: ["*"], allowCredentials: true }), expect: { status: "fail", reason: "corsWildcardWithCredentials" } },
  { name: "URL not read", snapshot: snapshotWith({ functions: [secureFunction({ url: undefined })] }), expect: { status: "unknown", reason: "urlNotRead" } },
]);
