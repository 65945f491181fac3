import { describe, expect, it } from "vitest";
import { classifyResourcePolicy, type InvokeClassification, type InvokeContext, type InvokeReason } from "../../src/policy/index.js";

const OWN = "111122223333";
const OTHER = "444455556666";
const TRUSTED = "777788889999";
const FN = `arn:aws:lambda:eu-west-1:${OWN}:function:orders`;
const ORG = "o-a1b2c3d4e5";
const CTX: InvokeContext = { accountId: OWN, trustedAccountIds: [TRUSTED], organizationId: ORG };

type Statement = Record<string, unknown>;
const allow = (extra: Statement): Statement => ({ Sid: "S", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: FN, ...extra });
const doc = (...statements: Statement[]): Record<string, unknown> => ({ Version: "2012-10-17", Id: "default", Statement: statements });
const service = (name: string, condition?: Record<string, unknown>): Statement =>
  allow({ Principal: { Service: name }, ...(condition === undefined ? {} : { Condition: condition }) });
const anyone = (condition: Record<string, unknown>, extra: Statement = {}): Statement => allow({ Principal: "*", Condition: condition, ...extra });

interface Case {
  name: string;
  doc: unknown;
  ctx?: Partial<InvokeContext>;
  classification: InvokeClassification;
  reason: InvokeReason;
  grantsInvoke?: boolean;
  neutralised?: boolean;
  publicViaFunctionUrl?: boolean;
  /** Which Allow statement to look at (position among Allows). */
  at?: number;
}

const cases: Case[] = [
  // Principal shapes
  { name: "Principal *", doc: doc(allow({ Principal: "*" })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Principal {AWS: *}", doc: doc(allow({ Principal: { AWS: "*" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Principal {AWS: [*]}", doc: doc(allow({ Principal: { AWS: ["*"] } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "AWS ARN with wildcard account", doc: doc(allow({ Principal: { AWS: "arn:aws:iam::*:root" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "own account id", doc: doc(allow({ Principal: { AWS: OWN } })), classification: "own-account", reason: "accountPrincipal" },
  { name: "own account root ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:iam::${OWN}:root` } })), classification: "own-account", reason: "accountPrincipal" },
  { name: "own account user ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:iam::${OWN}:user/deploy` } })), classification: "own-account", reason: "accountPrincipal" },
  { name: "other account id", doc: doc(allow({ Principal: { AWS: OTHER } })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "other account root ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` } })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "other account role ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:iam::${OTHER}:role/ci` } })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "other account assumed-role ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:sts::${OTHER}:assumed-role/ci/session` } })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "trusted account root ARN", doc: doc(allow({ Principal: { AWS: `arn:aws:iam::${TRUSTED}:root` } })), classification: "trusted-account", reason: "accountPrincipal" },
  { name: "unique id of a deleted role", doc: doc(allow({ Principal: { AWS: "AROAEXAMPLEID1234567" } })), classification: "nobody", reason: "deletedPrincipal" },
  { name: "own and other account together", doc: doc(allow({ Principal: { AWS: [OWN, `arn:aws:iam::${OTHER}:root`] } })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "Federated principal", doc: doc(allow({ Principal: { Federated: "cognito-identity.amazonaws.com" } })), classification: "cross-account", reason: "externalIdentityPrincipal" },
  { name: "CanonicalUser principal", doc: doc(allow({ Principal: { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" } })), classification: "cross-account", reason: "externalIdentityPrincipal" },
  { name: "Allow with NotPrincipal", doc: doc({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "lambda:InvokeFunction", Resource: FN }), classification: "public", reason: "notPrincipal" },

  // Service principals and source scoping
  { name: "s3 without conditions", doc: doc(service("s3.amazonaws.com")), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "s3 with SourceArn of one bucket only", doc: doc(service("s3.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::orders-uploads" } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "s3 with SourceArn arn:aws:s3:::*", doc: doc(service("s3.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "s3 with SourceArn bucket-name prefix wildcard", doc: doc(service("s3.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::orders-*" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "s3 with SourceAccount own", doc: doc(service("s3.amazonaws.com", { StringEquals: { "aws:SourceAccount": OWN } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "s3 with legacy SourceOwner", doc: doc(service("s3.amazonaws.com", { StringEquals: { "aws:SourceOwner": OWN } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "sns SourceArn with wildcard account", doc: doc(service("sns.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:sns:eu-west-1:*:alerts" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "events SourceArn rule/* in own account", doc: doc(service("events.amazonaws.com", { ArnLike: { "aws:SourceArn": `arn:aws:events:eu-west-1:${OWN}:rule/*` } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "apigateway SourceArn of one API", doc: doc(service("apigateway.amazonaws.com", { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:eu-west-1:${OWN}:abc123/*/GET/orders` } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "SourceArn bare *", doc: doc(service("sns.amazonaws.com", { ArnLike: { "aws:SourceArn": "*" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceArn arn:aws:*", doc: doc(service("sns.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:*" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceAccount StringLike *", doc: doc(service("s3.amazonaws.com", { StringLike: { "aws:SourceAccount": "*" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceAccount one specific, one wildcard", doc: doc(service("s3.amazonaws.com", { StringLike: { "aws:SourceAccount": [OWN, "4444*"] } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceAccount StringNotEquals", doc: doc(service("s3.amazonaws.com", { StringNotEquals: { "aws:SourceAccount": OTHER } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceArn ArnLikeIfExists", doc: doc(service("s3.amazonaws.com", { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::orders-uploads" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "ForAnyValue:StringEquals SourceAccount", doc: doc(service("s3.amazonaws.com", { "ForAnyValue:StringEquals": { "aws:SourceAccount": OWN } })), classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "ForAllValues:StringEquals SourceAccount", doc: doc(service("s3.amazonaws.com", { "ForAllValues:StringEquals": { "aws:SourceAccount": OWN } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "SourceAccount with NumericEquals (not a string operator)", doc: doc(service("s3.amazonaws.com", { NumericEquals: { "aws:SourceAccount": OWN } })), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "alexa with lambda:EventSourceToken", doc: doc(service("alexa-appkit.amazon.com", { StringEquals: { "lambda:EventSourceToken": "amzn1.ask.skill.1234" } })), classification: "service-scoped", reason: "servicePrincipalScoped" },

  // Wildcard principals narrowed by conditions
  { name: "* with SourceAccount own", doc: doc(anyone({ StringEquals: { "aws:SourceAccount": OWN } })), classification: "own-account", reason: "narrowedByCondition" },
  { name: "* with PrincipalAccount other", doc: doc(anyone({ StringEquals: { "aws:PrincipalAccount": OTHER } })), classification: "cross-account", reason: "narrowedByCondition" },
  { name: "* with PrincipalAccount trusted", doc: doc(anyone({ StringEquals: { "aws:PrincipalAccount": TRUSTED } })), classification: "trusted-account", reason: "narrowedByCondition" },
  { name: "* with PrincipalOrgID", doc: doc(anyone({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })), classification: "organisation-scoped", reason: "narrowedByCondition" },
  { name: "* with PrincipalOrgID o-* (StringLike)", doc: doc(anyone({ StringLike: { "aws:PrincipalOrgID": "o-*" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with PrincipalOrgPaths under one organisation", doc: doc(anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } })), classification: "organisation-scoped", reason: "narrowedByCondition" },
  { name: "* with PrincipalOrgPaths */*", doc: doc(anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*/*" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with PrincipalOrgID StringNotEquals", doc: doc(anyone({ StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with PrincipalAccount StringEqualsIfExists", doc: doc(anyone({ StringEqualsIfExists: { "aws:PrincipalAccount": OWN } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with PrincipalArn role/* in own account", doc: doc(anyone({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/*` } })), classification: "own-account", reason: "narrowedByCondition" },
  { name: "* with PrincipalArn arn:aws:*", doc: doc(anyone({ ArnLike: { "aws:PrincipalArn": "arn:aws:*" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with SourceVpce", doc: doc(anyone({ StringEquals: { "aws:SourceVpce": "vpce-0abc" } })), classification: "network-scoped", reason: "narrowedByCondition" },
  { name: "* with unrelated condition (SecureTransport)", doc: doc(anyone({ Bool: { "aws:SecureTransport": "true" } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with SourceAccount other and PrincipalOrgID (ANDed: narrowest)", doc: doc(anyone({ StringEquals: { "aws:SourceAccount": OTHER, "aws:PrincipalOrgID": "o-a1b2c3d4e5" } })), classification: "organisation-scoped", reason: "narrowedByCondition" },

  // Function URL conditions
  {
    name: "* InvokeFunctionUrl with FunctionUrlAuthType NONE",
    doc: doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, { Action: "lambda:InvokeFunctionUrl" })),
    ctx: { functionUrlAuthType: "NONE" },
    classification: "public",
    reason: "functionUrlAuthNone",
    publicViaFunctionUrl: true,
  },
  {
    name: "* InvokeFunctionUrl with FunctionUrlAuthType AWS_IAM",
    doc: doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } }, { Action: "lambda:InvokeFunctionUrl" })),
    ctx: { functionUrlAuthType: "AWS_IAM" },
    classification: "cross-account",
    reason: "functionUrlAuthIam",
  },
  {
    name: "* InvokeFunctionUrl AWS_IAM within the organisation",
    doc: doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM", "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, { Action: "lambda:InvokeFunctionUrl" })),
    classification: "organisation-scoped",
    reason: "narrowedByCondition",
  },
  {
    name: "* InvokeFunction via URL, URL auth AWS_IAM, with the URL permission",
    doc: doc(anyone({ Bool: { "lambda:InvokedViaFunctionUrl": "true" } }), anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } }, { Sid: "U", Action: "lambda:InvokeFunctionUrl" })),
    ctx: { functionUrlAuthType: "AWS_IAM" },
    classification: "cross-account",
    reason: "functionUrlAuthIam",
  },
  {
    name: "* InvokeFunction via URL, URL auth NONE, with the URL permission",
    doc: doc(anyone({ Bool: { "lambda:InvokedViaFunctionUrl": true } }), anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, { Sid: "U", Action: "lambda:InvokeFunctionUrl" })),
    ctx: { functionUrlAuthType: "NONE" },
    classification: "public",
    reason: "functionUrlAuthNone",
    publicViaFunctionUrl: true,
  },
  {
    name: "* InvokeFunction via URL without any URL permission reaches nobody",
    doc: doc(anyone({ Bool: { "lambda:InvokedViaFunctionUrl": true } })),
    ctx: { functionUrlAuthType: "NONE" },
    classification: "nobody",
    reason: "urlPermissionIncomplete",
  },
  {
    name: "* InvokeFunctionUrl NONE but the function has no URL now",
    doc: doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, { Action: "lambda:InvokeFunctionUrl" })),
    ctx: { functionUrlAuthType: null },
    classification: "public",
    reason: "wildcardPrincipal",
  },

  // Actions
  { name: "Action lambda:*", doc: doc(allow({ Principal: "*", Action: "lambda:*" })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Action *", doc: doc(allow({ Principal: { AWS: OTHER }, Action: "*" })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "Action lambda:Invoke*", doc: doc(allow({ Principal: { AWS: OTHER }, Action: "lambda:Invoke*" })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "Action in odd case", doc: doc(allow({ Principal: { AWS: OTHER }, Action: "LAMBDA:invokefunction" })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "Action lambda:GetFunction only", doc: doc(allow({ Principal: { AWS: OTHER }, Action: "lambda:GetFunction" })), classification: "cross-account", reason: "accountPrincipal", grantsInvoke: false },
  { name: "NotAction lambda:GetFunction", doc: doc({ Effect: "Allow", Principal: "*", NotAction: "lambda:GetFunction", Resource: FN }), classification: "public", reason: "wildcardPrincipal" },
  { name: "NotAction lambda:Invoke*", doc: doc({ Effect: "Allow", Principal: "*", NotAction: "lambda:Invoke*", Resource: FN }), classification: "public", reason: "wildcardPrincipal", grantsInvoke: false },

  // Deny subtraction
  { name: "unconditional Deny * neutralises public Allow", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: "*" }), classification: "public", reason: "wildcardPrincipal", neutralised: true },
  { name: "Deny unless our organisation bounds a public Allow", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }), classification: "organisation-scoped", reason: "boundedByDeny" },
  { name: "Deny with a condition it cannot judge keeps public Allow", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny of other actions keeps the Allow", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:GetFunction", Resource: "*" }), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny on the account root cancels the bare account id", doc: doc(allow({ Principal: { AWS: OTHER } }), { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "lambda:Invoke*", Resource: FN }), classification: "cross-account", reason: "accountPrincipal", neutralised: true },
  { name: "Deny on one principal of two", doc: doc(allow({ Principal: { AWS: [OTHER, OWN] } }), { Effect: "Deny", Principal: { AWS: OTHER }, Action: "lambda:InvokeFunction", Resource: FN }), classification: "own-account", reason: "accountPrincipal" },
  { name: "Deny on another function keeps the Allow", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: `${FN}-other` }), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny with NotPrincipal is not clear enough", doc: doc(allow({ Principal: "*" }), { Effect: "Deny", NotPrincipal: { AWS: OWN }, Action: "lambda:InvokeFunction", Resource: FN }), classification: "public", reason: "wildcardPrincipal" },

  // Document forms
  { name: "URL-encoded document", doc: encodeURIComponent(JSON.stringify(doc(allow({ Principal: "*" })))), classification: "public", reason: "wildcardPrincipal" },
  { name: "JSON string document", doc: JSON.stringify(doc(allow({ Principal: { Service: "s3.amazonaws.com" } }))), classification: "service-no-source", reason: "servicePrincipalUnscoped" },
  { name: "Statement as an object", doc: { Version: "2012-10-17", Statement: allow({ Principal: { AWS: OTHER } }) }, classification: "cross-account", reason: "accountPrincipal" },
  { name: "second Allow is classified on its own", doc: doc(allow({ Principal: { AWS: OWN } }), allow({ Sid: "T", Principal: { Service: "sqs.amazonaws.com" } })), classification: "service-no-source", reason: "servicePrincipalUnscoped", at: 1 },
];

describe("classifyResourcePolicy: table of policy shapes", () => {
  it("has at least 40 distinct cases", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name → $classification", (item) => {
    const analysis = classifyResourcePolicy(item.doc, { ...CTX, ...item.ctx });
    const statement = analysis.statements[item.at ?? 0];
    expect(statement).toBeDefined();
    expect(statement?.classification).toBe(item.classification);
    expect(statement?.reason).toBe(item.reason);
    expect(statement?.grantsInvoke).toBe(item.grantsInvoke ?? true);
    expect(statement?.neutralised).toBe(item.neutralised ?? false);
    expect(statement?.publicViaFunctionUrl).toBe(item.publicViaFunctionUrl ?? false);
  });
});

describe("classifyResourcePolicy: evidence", () => {
  it("names the statement and the conditions that decided it", () => {
    const analysis = classifyResourcePolicy(
      doc(allow({ Principal: { AWS: OWN } }), allow({ Sid: "FromBucket", Principal: { Service: "s3.amazonaws.com" }, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::orders-uploads" }, StringNotEquals: { "aws:SourceAccount": OTHER } } })),
      CTX,
    );
    const statement = analysis.statements[1];
    expect(statement?.statement).toEqual({ index: 1, sid: "FromBucket" });
    expect(statement?.decidingConditions.map((item) => [item.kind, item.condition.key, item.condition.values])).toEqual([["sourceArn", "AWS:SourceArn", ["arn:aws:s3:::orders-uploads"]]]);
    expect(statement?.ignoredConditions.map((item) => [item.condition.key, item.reason])).toEqual([["aws:SourceAccount", "negatedOperator"]]);
    expect(statement?.invokeActions).toEqual(["lambda:InvokeFunction"]);
  });

  it("records the accounts a condition pins a wildcard to", () => {
    const [statement] = classifyResourcePolicy(doc(anyone({ StringEquals: { "aws:PrincipalAccount": [OTHER, OWN] } })), CTX).statements;
    expect(statement?.classification).toBe("cross-account");
    expect(statement?.principals[0]?.accountIds).toEqual([OTHER, OWN]);
  });

  it("keeps the actions of non-invoke grants for who-can-read/modify", () => {
    const [statement] = classifyResourcePolicy(doc(allow({ Principal: { AWS: OTHER }, Action: ["lambda:GetFunction", "lambda:UpdateFunctionCode"] })), CTX).statements;
    expect(statement?.actions).toEqual({ kind: "Action", patterns: ["lambda:GetFunction", "lambda:UpdateFunctionCode"] });
    expect(statement?.invokeActions).toEqual([]);
  });

  it("lists the invoke actions a wildcard grants", () => {
    const [statement] = classifyResourcePolicy(doc(allow({ Principal: { AWS: OWN }, Action: "*" })), CTX).statements;
    expect(statement?.invokeActions).toEqual(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"]);
  });

  it("names the Deny that neutralised a principal", () => {
    const [statement] = classifyResourcePolicy(doc(allow({ Principal: "*" }), { Sid: "NoOne", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: "*" }), CTX).statements;
    expect(statement?.principals[0]?.neutralisedBy).toEqual({ index: 1, sid: "NoOne" });
  });

  it("ignores Deny statements in the statement list (only Allows are classified)", () => {
    const analysis = classifyResourcePolicy(doc({ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }), CTX);
    expect(analysis.statements).toEqual([]);
    expect(analysis.summary.isPubliclyInvokable).toBe(false);
  });
});

describe("classifyResourcePolicy: summary", () => {
  it("summarises a mixed policy", () => {
    const { summary } = classifyResourcePolicy(
      doc(
        allow({ Sid: "Url", Principal: "*", Action: "lambda:InvokeFunctionUrl", Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }),
        allow({ Sid: "Partner", Principal: { AWS: `arn:aws:iam::${OTHER}:role/partner` } }),
        allow({ Sid: "Sister", Principal: { AWS: TRUSTED } }),
        allow({ Sid: "Topic", Principal: { Service: "sns.amazonaws.com" } }),
        allow({ Sid: "Bucket", Principal: { Service: "s3.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": OWN } } }),
        allow({ Sid: "Org", Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
        allow({ Sid: "Reader", Principal: { AWS: OTHER }, Action: "lambda:GetFunction" }),
      ),
      { ...CTX, functionUrlAuthType: "NONE" },
    );
    expect(summary).toEqual({
      isPubliclyInvokable: true,
      isPubliclyInvokableViaFunctionUrl: true,
      crossAccountPrincipals: [`arn:aws:iam::${OTHER}:role/partner`],
      trustedAccountPrincipals: [TRUSTED],
      unscopedServicePrincipals: ["sns.amazonaws.com"],
      organisationScopedStatements: [{ index: 5, sid: "Org" }],
      organisationUnknownStatements: [],
      externalNonInvokeStatements: [{ index: 6, sid: "Reader" }],
      deletedPrincipals: [],
      functionUrl: { rule: expect.objectContaining({ urlPermissionAlone: "unconfirmed" }), urlPermission: "public", invokePermission: "cross-account" },
    });
  });

  it("is not public when every public grant is denied", () => {
    const { summary } = classifyResourcePolicy(doc(allow({ Principal: "*" }), { Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: FN }), CTX);
    expect(summary.isPubliclyInvokable).toBe(false);
    expect(summary.crossAccountPrincipals).toEqual([]);
  });

  it("reports an AWS_IAM URL grant to * as cross-account, not public", () => {
    const { summary } = classifyResourcePolicy(doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } }, { Action: "lambda:InvokeFunctionUrl" })), { ...CTX, functionUrlAuthType: "AWS_IAM" });
    expect(summary.isPubliclyInvokable).toBe(false);
    expect(summary.crossAccountPrincipals).toEqual(["*"]);
  });

  it("throws PolicyParseError on garbage", () => {
    expect(() => classifyResourcePolicy("not a policy", CTX)).toThrow(expect.objectContaining({ name: "PolicyParseError", code: "invalidJson" }));
  });
});
