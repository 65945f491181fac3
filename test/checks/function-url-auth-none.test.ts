import check from "../../checks/function-url-auth-none.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap } from "./builders.js";

describeCheckCases(check, [
  { name: "no URL", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "noFunctionUrl" } },
  { name: "IAM auth", snapshot: snapshotWith({ functions: [secureFunction({ url: { authType: "AWS_IAM", cors: null } })] }), expect: { status: "pass", reason: "urlAuthIam" } },
  { name: "auth NONE", snapshot: snapshotWith({ functions: [secureFunction({ url: { authType: "NONE", cors: null } })] }), expect: { status: "fail", reason: "urlAuthNone", evidence: { "url.authType": "NONE" } } },
  {
    name: "an alias's own URL without authentication",
    snapshot: snapshotWith({
      functions: [secureFunction({ aliases: [{ name: "live", arn: `${secureFunction().arn}:live`, functionVersion: "3", additionalVersions: [], url: { authType: "NONE", cors: null } }] })],
    }),
    resourceArn: `${secureFunction().arn}:live`,
    expect: { status: "fail", reason: "urlAuthNone" },
  },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction({ url: undefined })] }), expect: { status: "unknown", reason: "urlNotRead" } },
  {
    name: "URL read denied (gap) turns a pass unknown",
    snapshot: snapshotWith({ functions: [secureFunction()], gaps: [gap("lambda", "GetFunctionUrlConfig", { resourceArn: secureFunction().arn })] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
