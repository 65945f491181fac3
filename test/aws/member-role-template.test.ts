import { describe, expect, it } from "vitest";
import { ALLOWED_OPERATIONS, buildPermissionsPolicy } from "../../src/aws/allow-list.js";
import {
  MAX_SESSION_SECONDS,
  MEMBER_ROLE_DEFAULT_NAME,
  MEMBER_ROLE_LOGICAL_ID,
  MIN_SESSION_SECONDS,
  ROLE_INLINE_POLICIES_LIMIT,
  ROLE_TRUST_POLICY_LIMIT,
  buildMemberRoleTemplate,
} from "../../src/aws/member-role-template.js";
import { lintTemplate } from "../support/cloudformation-lint.js";
import { resolveStack } from "../support/cloudformation-resolve.js";

/** The template as a StackSet receives it: the JSON text the command prints, parsed back. */
const template = JSON.parse(JSON.stringify(buildMemberRoleTemplate("0.0.0-test"))) as ReturnType<typeof buildMemberRoleTemplate>;
const role = template.Resources[MEMBER_ROLE_LOGICAL_ID]!;
const SCANNING_ACCOUNT = "111111111111";
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

interface Statement {
  Action: string | string[];
  Condition?: Record<string, Record<string, string>>;
  Principal?: { AWS: string };
}
interface ResolvedRole {
  RoleName: string;
  MaxSessionDuration: string;
  AssumeRolePolicyDocument: { Statement: Statement[] };
  Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
}

function deploy(parameters: Record<string, string>, partition = "aws"): ResolvedRole {
  const stack = resolveStack(template, { parameters: { ScanningAccountId: SCANNING_ACCOUNT, ...parameters }, partition });
  return stack.resolve(role.Properties) as ResolvedRole;
}

/** IAM measures policy size without white space; JSON.stringify without indentation writes none outside strings. */
const minifiedLength = (document: unknown) => JSON.stringify(document).length;

describe("the member-account role template", () => {
  it("is structurally sound: every Ref, Fn::GetAtt, Fn::Sub variable, Fn::If and Condition resolves", () => {
    expect(lintTemplate(template)).toEqual([]);
    expect(role.Type).toBe("AWS::IAM::Role");
    expect(template.Outputs.RoleArn?.Value).toEqual({ "Fn::GetAtt": [MEMBER_ROLE_LOGICAL_ID, "Arn"] });
  });

  it("grants exactly the scanner's actions of the allow-list, and none granted to the caller only", () => {
    const scanner = new Set(ALLOWED_OPERATIONS.filter((entry) => entry.grantedTo === "scanner").flatMap((entry) => entry.iamActions));
    const callerOnly = ALLOWED_OPERATIONS.filter((entry) => entry.grantedTo === "caller")
      .flatMap((entry) => entry.iamActions)
      .filter((action) => !scanner.has(action));
    expect(callerOnly).toEqual(expect.arrayContaining(["organizations:ListAccounts", "sts:AssumeRole"]));

    const granted = deploy({}).Policies.flatMap((policy) => policy.PolicyDocument.Statement.flatMap((statement) => statement.Action));
    expect(new Set(granted)).toEqual(scanner);
    for (const action of callerOnly) expect(granted).not.toContain(action);
  });

  it.each(PARTITIONS)("deployed in %s, holds the policy `permissions --partition` prints for it", (partition) => {
    const deployed = deploy({}, partition);
    expect(deployed.Policies).toHaveLength(1);
    expect(deployed.Policies[0]!.PolicyDocument).toEqual(buildPermissionsPolicy(partition));
    expect(deployed.AssumeRolePolicyDocument.Statement[0]!.Principal).toEqual({ AWS: `arn:${partition}:iam::${SCANNING_ACCOUNT}:root` });
  });

  it("keeps the inline policy and the trust policy under IAM's size quotas, with the longest values allowed", () => {
    const longest = deploy(
      {
        ExternalId: "x".repeat(1_224),
        ScanningPrincipalArn: `arn:aws-us-gov:iam::${SCANNING_ACCOUNT}:role/${"p".repeat(64)}`,
      },
      "aws-us-gov",
    );
    const inline = longest.Policies.reduce((total, policy) => total + minifiedLength(policy.PolicyDocument), 0);
    expect(inline).toBeLessThan(ROLE_INLINE_POLICIES_LIMIT);
    expect(minifiedLength(longest.AssumeRolePolicyDocument)).toBeLessThan(ROLE_TRUST_POLICY_LIMIT);
  });

  describe("trust conditions (Fn::If on ExternalId and ScanningPrincipalArn)", () => {
    const principal = `arn:aws:iam::${SCANNING_ACCOUNT}:role/scanner`;
    const trust = (parameters: Record<string, string>) => deploy(parameters).AssumeRolePolicyDocument.Statement;

    it("without either, trusts the scanning account with no Condition at all", () => {
      const [statement, ...rest] = trust({});
      expect(rest).toEqual([]);
      expect(statement).not.toHaveProperty("Condition");
      expect(statement!.Action).toBe("sts:AssumeRole");
    });

    it("with an external id only, requires sts:ExternalId and nothing else", () => {
      expect(trust({ ExternalId: "org-scan-7f3a" })[0]!.Condition).toEqual({ StringEquals: { "sts:ExternalId": "org-scan-7f3a" } });
    });

    it("with a scanning principal only, requires aws:PrincipalArn and nothing else", () => {
      expect(trust({ ScanningPrincipalArn: principal })[0]!.Condition).toEqual({ ArnEquals: { "aws:PrincipalArn": principal } });
    });

    it("with both, requires both", () => {
      expect(trust({ ExternalId: "org-scan-7f3a", ScanningPrincipalArn: principal })[0]!.Condition).toEqual({
        StringEquals: { "sts:ExternalId": "org-scan-7f3a" },
        ArnEquals: { "aws:PrincipalArn": principal },
      });
    });
  });

  describe("parameters", () => {
    it("default to the scan's role name and a one-hour session", () => {
      const deployed = deploy({});
      expect(deployed.RoleName).toBe(MEMBER_ROLE_DEFAULT_NAME);
      expect(deployed.MaxSessionDuration).toBe(String(MIN_SESSION_SECONDS));
      expect(deploy({ RoleName: "audit-reader", MaxSessionDuration: String(MAX_SESSION_SECONDS) }).RoleName).toBe("audit-reader");
    });

    it("require a 12-digit scanning account id", () => {
      expect(() => resolveStack(template, { parameters: {} })).toThrow(/ScanningAccountId has no value/);
      for (const bad of ["11111111111", "1111111111111", "11111111111a"]) {
        expect(() => deploy({ ScanningAccountId: bad })).toThrow(/ScanningAccountId/);
      }
    });

    it("refuse values IAM would refuse", () => {
      const refused: Record<string, string>[] = [
        { MaxSessionDuration: String(MIN_SESSION_SECONDS - 1) },
        { MaxSessionDuration: String(MAX_SESSION_SECONDS + 1) },
        { ExternalId: "x" },
        { ExternalId: "has space" },
        { ExternalId: "x".repeat(1_225) },
        { RoleName: "r".repeat(65) },
        { RoleName: "with/slash" },
        { ScanningPrincipalArn: `arn:aws:iam::${SCANNING_ACCOUNT}:root` },
        { ScanningPrincipalArn: "scanner" },
      ];
      for (const parameters of refused) expect(() => deploy(parameters), JSON.stringify(parameters)).toThrow(/does not match|MinValue|MaxValue/);
    });
  });
});

describe("lintTemplate", () => {
  it("names each reference that resolves to nothing", () => {
    const broken = {
      AWSTemplateFormatVersion: "2010-09-09",
      Parameters: { Name: { Type: "String", Default: "ab", AllowedPattern: "^a$" } },
      Conditions: { Real: { "Fn::Equals": [{ Ref: "Missing" }, ""] }, Loop: { Condition: "Ghost" } },
      Resources: {
        Thing: {
          Type: "AWS::IAM::Role",
          Condition: "Nope",
          Properties: {
            RoleName: { Ref: "Absent" },
            Path: { "Fn::Sub": "/${Unknown}/${AWS::Partition}/${Name}/${!Literal}/" },
            Description: { "Fn::If": ["Imaginary", "a", { Ref: "AWS::NoValue" }] },
            MaxSessionDuration: { Ref: "AWS::NoValue" },
          },
        },
      },
      Outputs: { Arn: { Value: { "Fn::GetAtt": ["Other", "Arn"] } } },
      Extra: {},
    };
    const problems = lintTemplate(broken);
    const expected = [
      /unknown top-level section Extra/,
      /Parameters\.Name: Default "ab" does not match/,
      /Conditions\.Real.*Ref Missing/,
      /Conditions\.Loop: Condition Ghost/,
      /Resources\.Thing: Condition Nope/,
      /RoleName: Ref Absent/,
      /Fn::Sub variable \$\{Unknown\}/,
      /Fn::If names no condition Imaginary/,
      /MaxSessionDuration: AWS::NoValue outside an Fn::If/,
      /Outputs\.Arn.*Fn::GetAtt names no resource Other/,
    ];
    for (const pattern of expected) expect(problems.some((problem) => pattern.test(problem)), String(pattern)).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });
});
