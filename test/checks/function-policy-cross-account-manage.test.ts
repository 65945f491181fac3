import check from "../../checks/function-policy-cross-account-manage.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const grant = (Action: unknown, Principal: unknown) =>
  snapshotWith({ functions: [secureFunction({ resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource: fn.arn, Principal }] } })] });

describeCheckCases(check, [
  { name: "no policy", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noResourcePolicy" } },
  { name: "invoke only, cross-account", snapshot: grant("lambda:InvokeFunction", { AWS: OTHER_ACCOUNT }), expect: { status: "pass", reason: "noExternalManagementGrant" } },
  { name: "management within the account", snapshot: grant("lambda:GetFunction", { AWS: "arn:aws:iam::111122223333:role/deployer" }), expect: { status: "pass", reason: "noExternalManagementGrant" } },
  { name: "code update for another account", snapshot: grant("lambda:UpdateFunctionCode", { AWS: OTHER_ACCOUNT }), expect: { status: "fail", reason: "externalManagementGrant" } },
  { name: "lambda:* for everyone", snapshot: grant("lambda:*", "*"), expect: { status: "fail", reason: "externalManagementGrant", evidence: { statements: [{ classification: "public" }] } } },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
]);
