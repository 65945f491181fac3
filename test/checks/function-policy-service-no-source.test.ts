import check from "../../checks/function-policy-service-no-source.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const fn = secureFunction();
const serviceGrant = (Condition?: unknown) =>
  snapshotWith({
    functions: [
      secureFunction({
        resourcePolicy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.arn, Principal: { Service: "sns.amazonaws.com" }, ...(Condition ? { Condition } : {}) }],
        },
      }),
    ],
  });

describeCheckCases(check, [
  { name: "no policy", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noResourcePolicy" } },
  { name: "scoped by source ARN", snapshot: serviceGrant({ ArnLike: { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:orders" } }), expect: { status: "pass", reason: "servicePrincipalsScoped" } },
  { name: "scoped by source account", snapshot: serviceGrant({ StringEquals: { "aws:SourceAccount": "111122223333" } }), expect: { status: "pass", reason: "servicePrincipalsScoped" } },
  { name: "no source condition", snapshot: serviceGrant(), expect: { status: "fail", reason: "serviceWithoutSourceCondition", evidence: { unscopedServicePrincipals: ["sns.amazonaws.com"] } } },
  { name: "source ARN that is only a wildcard", snapshot: serviceGrant({ ArnLike: { "aws:SourceArn": "*" } }), expect: { status: "fail", reason: "serviceWithoutSourceCondition" } },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
]);
