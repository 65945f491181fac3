import { describe, expect, it } from "vitest";
import { analyseTrustPolicy, widestTrustClass, type TrustClassification, type TrustReason } from "../../src/policy/index.js";

const OWN = "111122223333";
const OTHER = "444455556666";
const TRUSTED = "777788889999";
const ORG = "o-a1b2c3d4e5";
const CTX = { accountId: OWN, trustedAccountIds: [TRUSTED], organizationId: ORG };
const GITHUB = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`;

type Statement = Record<string, unknown>;
const trust = (...statements: Statement[]) => ({ Version: "2012-10-17", Statement: statements });
const assume = (principal: unknown, extra: Statement = {}): Statement => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
const LAMBDA = assume({ Service: "lambda.amazonaws.com" });

interface Case {
  name: string;
  doc: unknown;
  classification: TrustClassification;
  reason: TrustReason;
}

const cases: Case[] = [
  { name: "lambda.amazonaws.com", doc: trust(LAMBDA), classification: "lambda-service", reason: "lambdaService" },
  { name: "another service", doc: trust(assume({ Service: "ec2.amazonaws.com" })), classification: "other-service", reason: "otherService" },
  { name: "Principal *", doc: trust(assume("*")), classification: "public", reason: "wildcardPrincipal" },
  { name: "{AWS: *} with PrincipalOrgID", doc: trust(assume({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })), classification: "organisation-scoped", reason: "narrowedByCondition" },
  { name: "* with PrincipalOrgID StringLike *", doc: trust(assume("*", { Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "* with PrincipalArn in own account", doc: trust(assume("*", { Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/admin` } } })), classification: "own-account", reason: "narrowedByCondition" },
  { name: "* with PrincipalAccount StringNotEquals", doc: trust(assume("*", { Condition: { StringNotEquals: { "aws:PrincipalAccount": OTHER } } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "other account root", doc: trust(assume({ AWS: `arn:aws:iam::${OTHER}:root` })), classification: "cross-account", reason: "accountPrincipal" },
  { name: "own account role", doc: trust(assume({ AWS: `arn:aws:iam::${OWN}:role/ops` })), classification: "own-account", reason: "accountPrincipal" },
  { name: "trusted account id", doc: trust(assume({ AWS: TRUSTED })), classification: "trusted-account", reason: "accountPrincipal" },
  { name: "unique id", doc: trust(assume({ AWS: "AROAEXAMPLEID1234567" })), classification: "nobody", reason: "deletedPrincipal" },
  { name: "NotPrincipal", doc: trust({ Effect: "Allow", NotPrincipal: { AWS: OTHER }, Action: "sts:AssumeRole" }), classification: "public", reason: "notPrincipal" },
  {
    name: "GitHub OIDC with aud only",
    doc: trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }),
    classification: "federated-unscoped",
    reason: "federatedWithoutClaimCondition",
  },
  {
    name: "GitHub OIDC with sub repo:*",
    doc: trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } } }),
    classification: "federated-unscoped",
    reason: "federatedWithoutClaimCondition",
  },
  {
    name: "GitHub OIDC with sub of one repository",
    doc: trust({
      Effect: "Allow",
      Principal: { Federated: GITHUB },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:*" } },
    }),
    classification: "federated-scoped",
    reason: "federatedWithClaimCondition",
  },
  {
    name: "Cognito identity pool with aud",
    doc: trust({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-west-1:1234-5678" } } }),
    classification: "federated-scoped",
    reason: "federatedWithClaimCondition",
  },
  {
    name: "SAML provider with SAML:aud",
    doc: trust({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${OWN}:saml-provider/okta` }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }),
    classification: "federated-scoped",
    reason: "federatedWithClaimCondition",
  },
  { name: "SAML provider without condition", doc: trust({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${OWN}:saml-provider/okta` }, Action: "sts:AssumeRoleWithSAML" }), classification: "federated-unscoped", reason: "federatedWithoutClaimCondition" },
];

describe("analyseTrustPolicy: principal classes", () => {
  it.each(cases)("$name → $classification", (item) => {
    const analysis = analyseTrustPolicy(item.doc, CTX);
    const principal = analysis.statements[0]?.principals[0];
    expect(principal?.classification).toBe(item.classification);
    expect(principal?.reason).toBe(item.reason);
  });
});

describe("analyseTrustPolicy: summary", () => {
  it("the standard Lambda trust policy is assumable only by Lambda", () => {
    const analysis = analyseTrustPolicy(trust(LAMBDA), CTX);
    expect(analysis).toMatchObject({
      isPubliclyAssumable: false,
      crossAccountPrincipals: [],
      otherServicePrincipals: [],
      federatedPrincipals: [],
      assumableByOtherThanLambda: false,
    });
    expect(analysis.statements[0]?.assumeActions).toEqual(["sts:AssumeRole"]);
  });

  it("lists every principal other than Lambda", () => {
    const analysis = analyseTrustPolicy(
      trust(
        assume({ Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] }),
        assume({ AWS: [`arn:aws:iam::${OTHER}:root`, TRUSTED, `arn:aws:iam::${OWN}:role/ops`] }, { Condition: { StringEquals: { "sts:ExternalId": "partner-42" } } }),
        { Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity" },
      ),
      CTX,
    );
    expect(analysis).toMatchObject({
      isPubliclyAssumable: false,
      crossAccountPrincipals: [OTHER],
      trustedAccountPrincipals: [TRUSTED],
      ownAccountPrincipals: [`arn:aws:iam::${OWN}:role/ops`],
      otherServicePrincipals: ["edgelambda.amazonaws.com"],
      federatedPrincipals: [GITHUB],
      unscopedFederatedPrincipals: [GITHUB],
      assumableByOtherThanLambda: true,
    });
    expect(analysis.statements[1]?.requiresExternalId).toBe(true);
    expect(analysis.statements[0]?.requiresExternalId).toBe(false);
    expect(widestTrustClass(analysis.statements[1] ?? { statement: { index: 1, sid: null }, assumeActions: [], principals: [], ignoredConditions: [], requiresExternalId: false, neutralised: false })).toBe("cross-account");
  });

  it("a public trust is neutralised by an unconditional Deny, and bounded by a Deny unless our organisation", () => {
    const denied = analyseTrustPolicy(trust(assume("*"), { Sid: "NoOne", Effect: "Deny", Principal: "*", Action: "sts:*" }), CTX);
    expect(denied.isPubliclyAssumable).toBe(false);
    expect(denied.statements[0]?.principals[0]?.neutralisedBy).toEqual({ index: 1, sid: "NoOne" });
    const conditional = analyseTrustPolicy(trust(assume("*"), { Effect: "Deny", Principal: "*", Action: "sts:*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }), CTX);
    expect(conditional.isPubliclyAssumable).toBe(false);
    expect(conditional.statements[0]?.principals[0]).toMatchObject({ classification: "organisation-scoped", reason: "boundedByDeny", boundedBy: { statement: { index: 1 } } });
  });

  it("counts sts:TagSession and wildcard actions, ignores statements granting neither", () => {
    const analysis = analyseTrustPolicy(
      trust(
        { Effect: "Allow", Principal: { AWS: OTHER }, Action: "sts:TagSession" },
        { Effect: "Allow", Principal: "*", Action: "sts:SetSourceIdentity" },
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${TRUSTED}:root` }, Action: "sts:*" },
      ),
      CTX,
    );
    expect(analysis.statements.map((statement) => statement.assumeActions)).toEqual([
      ["sts:TagSession"],
      [],
      ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"],
    ]);
    expect(analysis.isPubliclyAssumable).toBe(false);
    expect(analysis.crossAccountPrincipals).toEqual([OTHER]);
    expect(analysis.trustedAccountPrincipals).toEqual([TRUSTED]);
  });

  it("reads the URL-encoded document IAM returns, with Statement as an object", () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: assume({ AWS: "*" }) }));
    const analysis = analyseTrustPolicy(encoded, CTX);
    expect(analysis.isPubliclyAssumable).toBe(true);
    expect(analysis.statements[0]?.statement).toEqual({ index: 0, sid: null });
  });

  it("reports conditions that do not narrow, with why", () => {
    const analysis = analyseTrustPolicy(trust(assume("*", { Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })), CTX);
    expect(analysis.isPubliclyAssumable).toBe(true);
    expect(analysis.statements[0]?.ignoredConditions.map((item) => [item.condition.key, item.reason])).toEqual([["aws:PrincipalOrgID", "ifExists"]]);
  });
});
