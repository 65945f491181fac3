import { describe, expect, it } from "vitest";
import { describeStatement, parsePolicyDocument, PolicyParseError, type PolicyParseErrorCode } from "../../src/policy/index.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const lambdaArn = "arn:aws:lambda:eu-west-1:111122223333:function:orders";

describe("parsePolicyDocument: document forms", () => {
  const document = { Version: "2012-10-17", Id: "default", Statement: [{ Sid: "A", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: lambdaArn }] };
  const expected = {
    version: "2012-10-17",
    id: "default",
    statements: [
      {
        index: 0,
        sid: "A",
        effect: "Allow",
        action: ["lambda:InvokeFunction"],
        notAction: null,
        resource: [lambdaArn],
        notResource: null,
        principal: [{ type: "*", value: "*", isWildcard: true }],
        notPrincipal: null,
        conditions: [],
      },
    ],
  };

  it("reads an object", () => {
    expect(parsePolicyDocument(document)).toEqual(expected);
  });

  it("reads a JSON string, with surrounding whitespace", () => {
    expect(parsePolicyDocument(`\n ${JSON.stringify(document)} \n`)).toEqual(expected);
  });

  it("reads a URL-encoded JSON string as IAM returns it", () => {
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(expected);
  });

  it("reads Statement given as a single object, with index 0", () => {
    const single = { Statement: { Effect: "Deny", Action: ["s3:*"], Resource: "*" } };
    const parsed = parsePolicyDocument(single);
    expect(parsed.version).toBeNull();
    expect(parsed.statements).toHaveLength(1);
    expect(parsed.statements[0]).toMatchObject({ index: 0, sid: null, effect: "Deny", action: ["s3:*"], resource: ["*"] });
  });

  it("keeps each statement's index and Sid", () => {
    const parsed = parsePolicyDocument({
      Statement: [
        { Sid: "First", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        { Effect: "Allow", Action: "s3:PutObject", Resource: "*" },
        { Sid: "Third", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
      ],
    });
    expect(parsed.statements.map(({ index, sid, effect }) => ({ index, sid, effect }))).toEqual([
      { index: 0, sid: "First", effect: "Allow" },
      { index: 1, sid: null, effect: "Allow" },
      { index: 2, sid: "Third", effect: "Deny" },
    ]);
  });

  it("accepts an empty Statement array", () => {
    expect(parsePolicyDocument({ Version: "2012-10-17", Statement: [] }).statements).toEqual([]);
  });

  it("never mutates its input and shares no arrays with it", () => {
    const input = deepFreeze({
      Statement: [{ Effect: "Allow", Principal: { AWS: ["111122223333"] }, Action: ["lambda:InvokeFunction"], Resource: [lambdaArn], Condition: { StringEquals: { "aws:SourceAccount": ["111122223333"] } } }],
    });
    const snapshot = JSON.stringify(input);
    const parsed = parsePolicyDocument(input);
    expect(JSON.stringify(input)).toBe(snapshot);
    parsed.statements[0]?.action?.push("lambda:GetFunction");
    expect(input.Statement[0]?.Action).toEqual(["lambda:InvokeFunction"]);
  });
});

describe("parsePolicyDocument: elements", () => {
  const one = (statement: Record<string, unknown>) => {
    const parsed = parsePolicyDocument({ Statement: [statement] }).statements[0];
    if (parsed === undefined) throw new Error("no statement");
    return parsed;
  };

  it("reads NotAction and NotResource", () => {
    expect(one({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], NotResource: "arn:aws:s3:::secret" })).toMatchObject({
      action: null,
      notAction: ["iam:*", "organizations:*"],
      resource: null,
      notResource: ["arn:aws:s3:::secret"],
    });
  });

  it("leaves Resource null when absent (trust policies)", () => {
    expect(one({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }).resource).toBeNull();
  });

  it.each([
    ["bare *", "*", [{ type: "*", value: "*", isWildcard: true }]],
    ["AWS *", { AWS: "*" }, [{ type: "AWS", value: "*", isWildcard: true }]],
    ["AWS [*]", { AWS: ["*"] }, [{ type: "AWS", value: "*", isWildcard: true }]],
    ["account id", { AWS: "111122223333" }, [{ type: "AWS", value: "111122223333", isWildcard: false }]],
    ["account root ARN", { AWS: "arn:aws:iam::111122223333:root" }, [{ type: "AWS", value: "arn:aws:iam::111122223333:root", isWildcard: false }]],
    [
      "role and user ARNs",
      { AWS: ["arn:aws:iam::111122223333:role/ci", "arn:aws:iam::444455556666:user/alice"] },
      [
        { type: "AWS", value: "arn:aws:iam::111122223333:role/ci", isWildcard: false },
        { type: "AWS", value: "arn:aws:iam::444455556666:user/alice", isWildcard: false },
      ],
    ],
    ["service", { Service: "s3.amazonaws.com" }, [{ type: "Service", value: "s3.amazonaws.com", isWildcard: false }]],
    [
      "services array",
      { Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] },
      [
        { type: "Service", value: "lambda.amazonaws.com", isWildcard: false },
        { type: "Service", value: "edgelambda.amazonaws.com", isWildcard: false },
      ],
    ],
    ["federated", { Federated: "cognito-identity.amazonaws.com" }, [{ type: "Federated", value: "cognito-identity.amazonaws.com", isWildcard: false }]],
    ["canonical user", { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, [{ type: "CanonicalUser", value: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", isWildcard: false }]],
    [
      "mixed types",
      { AWS: "111122223333", Service: "sns.amazonaws.com" },
      [
        { type: "AWS", value: "111122223333", isWildcard: false },
        { type: "Service", value: "sns.amazonaws.com", isWildcard: false },
      ],
    ],
  ])("reads Principal %s", (_name, principal, expected) => {
    expect(one({ Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction" }).principal).toEqual(expected);
  });

  it("reads NotPrincipal", () => {
    expect(one({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "*" })).toMatchObject({
      principal: null,
      notPrincipal: [{ type: "AWS", value: "arn:aws:iam::111122223333:root", isWildcard: false }],
    });
  });

  it("normalises condition operators, keys and values", () => {
    const conditions = one({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: {
        StringEquals: { "AWS:SourceAccount": "111122223333", "aws:PrincipalOrgID": ["o-abc", "o-def"] },
        "ForAnyValue:StringLikeIfExists": { "aws:PrincipalOrgPaths": "o-abc/*" },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] },
        StringNotEquals: { "aws:SourceVpc": "vpc-1" },
        Bool: { "aws:SecureTransport": true, "lambda:InvokedViaFunctionUrl": "true" },
        NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
      },
    }).conditions;
    expect(conditions).toEqual([
      { operator: "StringEquals", baseOperator: "StringEquals", setQualifier: null, ifExists: false, negated: false, key: "AWS:SourceAccount", keyLower: "aws:sourceaccount", values: ["111122223333"] },
      { operator: "StringEquals", baseOperator: "StringEquals", setQualifier: null, ifExists: false, negated: false, key: "aws:PrincipalOrgID", keyLower: "aws:principalorgid", values: ["o-abc", "o-def"] },
      { operator: "ForAnyValue:StringLikeIfExists", baseOperator: "StringLike", setQualifier: "ForAnyValue", ifExists: true, negated: false, key: "aws:PrincipalOrgPaths", keyLower: "aws:principalorgpaths", values: ["o-abc/*"] },
      { operator: "ForAllValues:StringEquals", baseOperator: "StringEquals", setQualifier: "ForAllValues", ifExists: false, negated: false, key: "aws:TagKeys", keyLower: "aws:tagkeys", values: ["team"] },
      { operator: "StringNotEquals", baseOperator: "StringNotEquals", setQualifier: null, ifExists: false, negated: true, key: "aws:SourceVpc", keyLower: "aws:sourcevpc", values: ["vpc-1"] },
      { operator: "Bool", baseOperator: "Bool", setQualifier: null, ifExists: false, negated: false, key: "aws:SecureTransport", keyLower: "aws:securetransport", values: ["true"] },
      { operator: "Bool", baseOperator: "Bool", setQualifier: null, ifExists: false, negated: false, key: "lambda:InvokedViaFunctionUrl", keyLower: "lambda:invokedviafunctionurl", values: ["true"] },
      { operator: "NumericLessThan", baseOperator: "NumericLessThan", setQualifier: null, ifExists: false, negated: false, key: "aws:MultiFactorAuthAge", keyLower: "aws:multifactorauthage", values: ["3600"] },
    ]);
  });

  it.each([
    ["ArnNotLike", true],
    ["NotIpAddress", true],
    ["StringNotEqualsIgnoreCaseIfExists", true],
    ["ArnLike", false],
    ["Null", false],
  ])("marks %s negated=%s", (operator, negated) => {
    const [condition] = one({ Effect: "Allow", Action: "*", Resource: "*", Condition: { [operator]: { "aws:SourceArn": "x" } } }).conditions;
    expect(condition?.negated).toBe(negated);
  });
});

describe("parsePolicyDocument: garbage is a typed error", () => {
  it.each<[string, unknown, PolicyParseErrorCode]>([
    ["not JSON", "{not json", "invalidJson"],
    ["broken URL encoding", "%7B%ZZ", "invalidJson"],
    ["URL-encoded non-JSON", "%7Bnope", "invalidJson"],
    ["null", null, "notAnObject"],
    ["an array", [], "notAnObject"],
    ["a JSON number", "42", "notAnObject"],
    ["no Statement", { Version: "2012-10-17" }, "missingStatement"],
    ["a string statement", { Statement: ["Allow"] }, "invalidStatement"],
    ["lower-case effect", { Statement: { Effect: "allow", Action: "*" } }, "invalidEffect"],
    ["missing effect", { Statement: { Action: "*" } }, "invalidEffect"],
    ["numeric Sid", { Statement: { Sid: 1, Effect: "Allow", Action: "*" } }, "invalidElement"],
    ["no action", { Statement: { Effect: "Allow", Resource: "*" } }, "missingAction"],
    ["Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "iam:*" } }, "conflictingElements"],
    ["Principal and NotPrincipal", { Statement: { Effect: "Allow", Action: "*", Principal: "*", NotPrincipal: "*" } }, "conflictingElements"],
    ["Resource and NotResource", { Statement: { Effect: "Allow", Action: "*", Resource: "*", NotResource: "*" } }, "conflictingElements"],
    ["non-string action", { Statement: { Effect: "Allow", Action: ["s3:GetObject", 7] } }, "invalidElement"],
    ["numeric principal", { Statement: { Effect: "Allow", Action: "*", Principal: 5 } }, "invalidElement"],
    ["principal object of numbers", { Statement: { Effect: "Allow", Action: "*", Principal: { AWS: [1] } } }, "invalidElement"],
    ["condition not an object", { Statement: { Effect: "Allow", Action: "*", Condition: "x" } }, "invalidCondition"],
    ["condition block not an object", { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: "x" } } }, "invalidCondition"],
    ["condition value null", { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { "aws:SourceAccount": null } } } }, "invalidCondition"],
    ["condition value object", { Statement: { Effect: "Allow", Action: "*", Condition: { StringEquals: { "aws:SourceAccount": [{}] } } } }, "invalidCondition"],
  ])("rejects %s", (_name, input, code) => {
    let caught: unknown;
    try {
      parsePolicyDocument(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PolicyParseError);
    expect((caught as PolicyParseError).code).toBe(code);
  });

  it("names where the problem is", () => {
    expect(() => parsePolicyDocument({ Statement: [{ Effect: "Allow", Action: "*" }, { Effect: "Allow", Action: "*", Principal: { AWS: 3 } }] })).toThrow(
      expect.objectContaining({ code: "invalidElement", path: "Statement[1].Principal.AWS" }),
    );
  });
});

describe("deeply nested documents", () => {
  /** A condition value nested `levels` arrays deep: what a hostile or corrupt document can hold. */
  const nested = (levels: number) => {
    let value: unknown = "x";
    for (let i = 0; i < levels; i += 1) value = [value];
    return { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": value } } }] };
  };

  it("refuses a document nested deeper than 64 levels as unparseable, without overflowing the stack", () => {
    expect(() => parsePolicyDocument(nested(6_000))).toThrow(expect.objectContaining({ code: "tooDeep" }));
    // As AWS would send it: text (JSON.stringify itself cannot nest this deep, so it is built by hand).
    const text = `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":${"[".repeat(6_000)}"x"${"]".repeat(6_000)}}}}]}`;
    expect(() => parsePolicyDocument(text)).toThrow(expect.objectContaining({ code: "tooDeep" }));
  });

  it("still reads documents of ordinary depth", () => {
    expect(parsePolicyDocument(nested(1)).statements[0]!.conditions).toHaveLength(1);
    expect(() => parsePolicyDocument(nested(2))).toThrow(expect.objectContaining({ code: "invalidCondition" }));
    expect(parsePolicyDocument({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }).statements).toHaveLength(1);
  });
});

describe("describeStatement", () => {
  it("counts from 1 and names the Sid and policy", () => {
    expect(describeStatement({ index: 1, sid: "X" }, "Y")).toBe('statement 2 (Sid "X") of policy Y');
    expect(describeStatement({ index: 0, sid: null })).toBe("statement 1");
  });
});
