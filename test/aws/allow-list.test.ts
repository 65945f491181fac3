import { describe, expect, it } from "vitest";
import { ALLOWED_OPERATIONS, buildPermissionsPolicy, isAllowedOperation } from "../../src/aws/allow-list.js";

describe("allow-list", () => {
  it("holds only reads", () => {
    for (const entry of ALLOWED_OPERATIONS) {
      if (entry.operation === "AssumeRole") continue; // credentials for the scan, not an account change
      // BatchGet: Inspector's BatchGetAccountStatus, a read of several accounts' status at once.
      expect(entry.operation, `${entry.service}:${entry.operation}`).toMatch(/^(List|Get|Describe|BatchGet)/);
    }
  });

  it("answers by service and operation", () => {
    expect(isAllowedOperation("lambda", "GetPolicy")).toBe(true);
    expect(isAllowedOperation("iam", "GetPolicy")).toBe(true);
    expect(isAllowedOperation("lambda", "DeleteFunction")).toBe(false);
    expect(isAllowedOperation("lambda", "Invoke")).toBe(false);
    expect(isAllowedOperation("ec2", "GetPolicy")).toBe(false);
  });
});

describe("buildPermissionsPolicy", () => {
  const policy = buildPermissionsPolicy();
  const actions = policy.Statement.flatMap((statement) => statement.Action);

  it("grants every read the collectors make and nothing that writes", () => {
    expect(policy.Version).toBe("2012-10-17");
    for (const action of [
      "lambda:ListFunctions",
      "lambda:GetFunction",
      "lambda:GetPolicy",
      "lambda:GetLayerVersionPolicy",
      "iam:GetRole",
      "iam:GetPolicyVersion",
      "logs:DescribeLogGroups",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeRegions",
    ]) {
      expect(actions).toContain(action);
    }
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(List|Get|Describe|BatchGet|GET$)/);
    // Assuming the scan role is the caller's permission, not the scan role's.
    expect(actions).not.toContain("sts:AssumeRole");
    expect(new Set(actions).size).toBe(actions.length - (actions.filter((a) => a === "apigateway:GET").length - 1));
  });

  it("maps API Gateway reads to apigateway:GET on the REST and HTTP API paths", () => {
    const apiStatements = policy.Statement.filter((statement) => statement.Action.includes("apigateway:GET"));
    expect(apiStatements.flatMap((statement) => statement.Resource)).toEqual([
      "arn:aws:apigateway:*::/restapis",
      "arn:aws:apigateway:*::/restapis/*",
      "arn:aws:apigateway:*::/apis",
      "arn:aws:apigateway:*::/apis/*",
    ]);
    expect(buildPermissionsPolicy("aws-cn").Statement.flatMap((s) => s.Resource)).toContain("arn:aws-cn:apigateway:*::/apis");
  });
});
