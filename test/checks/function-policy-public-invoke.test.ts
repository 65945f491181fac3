import check from "../../checks/function-policy-public-invoke.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT } from "./builders.js";

const fn = secureFunction();
const policy = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const withPolicy = (resourcePolicy: Record<string, unknown>, extra: Parameters<typeof secureFunction>[0] = {}) =>
  snapshotWith({ functions: [secureFunction({ resourcePolicy, ...extra })] });
const invoke = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.arn };

/** The function with a `live` alias on version 3, each with its own policy. */
const withAlias = (aliasPolicy: Record<string, unknown> | null | undefined, versionPolicy: Record<string, unknown> | null = null) =>
  snapshotWith({
    functions: [
      secureFunction({
        aliases: [{ name: "live", arn: `${fn.arn}:live`, functionVersion: "3", additionalVersions: [], resourcePolicy: aliasPolicy, url: null }],
        versions: [{ version: "3", arn: `${fn.arn}:3`, resourcePolicy: versionPolicy }],
      }),
    ],
  });

describeCheckCases(check, [
  { name: "no policy", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noResourcePolicy" } },
  {
    name: "an alias whose own policy is public, while the function's is not",
    snapshot: withAlias(policy({ ...invoke, Resource: `${fn.arn}:live`, Principal: "*" })),
    resourceArn: `${fn.arn}:live`,
    expect: { status: "fail", reason: "publicInvoke" },
  },
  {
    name: "the function itself stays private beside a public alias",
    snapshot: withAlias(policy({ ...invoke, Resource: `${fn.arn}:live`, Principal: "*" })),
    resourceArn: fn.arn,
    expect: { status: "pass", reason: "noResourcePolicy" },
  },
  {
    name: "a version an alias points to, with a public policy",
    snapshot: withAlias(null, policy({ ...invoke, Resource: `${fn.arn}:3`, Principal: "*" })),
    resourceArn: `${fn.arn}:3`,
    expect: { status: "fail", reason: "publicInvoke" },
  },
  {
    name: "an alias whose policy was not read",
    snapshot: withAlias(undefined),
    resourceArn: `${fn.arn}:live`,
    expect: { status: "unknown", reason: "policyNotRead" },
  },
  {
    name: "service with source ARN",
    snapshot: withPolicy(policy({ ...invoke, Principal: { Service: "s3.amazonaws.com" }, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::orders-bucket" } } })),
    expect: { status: "pass", reason: "notPubliclyInvokable" },
  },
  {
    name: "wildcard narrowed by SourceAccount",
    snapshot: withPolicy(policy({ ...invoke, Principal: "*", Condition: { StringEquals: { "AWS:SourceAccount": "111122223333" } } })),
    expect: { status: "pass", reason: "notPubliclyInvokable" },
  },
  {
    name: "wildcard principal",
    snapshot: withPolicy(policy({ ...invoke, Sid: "open", Principal: "*" })),
    expect: { status: "fail", reason: "publicInvoke", evidence: { statements: [{ classification: "public" }] } },
  },
  {
    name: "AWS * in an array",
    snapshot: withPolicy(policy({ ...invoke, Principal: { AWS: ["*"] } })),
    expect: { status: "fail", reason: "publicInvoke" },
  },
  {
    name: "condition with a wildcard value does not narrow",
    snapshot: withPolicy(policy({ ...invoke, Principal: "*", Condition: { StringLike: { "AWS:SourceAccount": "*" } } })),
    expect: { status: "fail", reason: "publicInvoke" },
  },
  {
    name: "Allow with NotPrincipal",
    snapshot: withPolicy(policy({ ...invoke, NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } })),
    expect: { status: "fail", reason: "publicInvoke" },
  },
  {
    name: "public function URL grant",
    snapshot: withPolicy(
      policy({ Effect: "Allow", Action: "lambda:InvokeFunctionUrl", Resource: fn.arn, Principal: "*", Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }),
      { url: { authType: "NONE", cors: null } },
    ),
    expect: { status: "fail", reason: "publicInvokeViaFunctionUrl" },
  },
  {
    name: "public grant cancelled by an unconditional Deny",
    snapshot: withPolicy(policy({ ...invoke, Principal: "*" }, { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn.arn })),
    expect: { status: "pass", reason: "notPubliclyInvokable" },
  },
  { name: "policy not read", snapshot: snapshotWith({ functions: [secureFunction({ resourcePolicy: undefined })] }), expect: { status: "unknown", reason: "policyNotRead" } },
  { name: "policy not a policy", snapshot: withPolicy({ Version: "2012-10-17", Statement: "nonsense" }), expect: { status: "unknown", reason: "policyUnparseable" } },
]);
