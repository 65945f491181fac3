import { describe, expect, it } from "vitest";
import { classifyValue, classifyVariables } from "../../src/snapshot/secrets.js";

const PRIVATE_KEY =
  "-----BEGIN RSA PRIVATE KEY-----\n" +
  "MIIEowIBAAKCAQEAx4Zk3q9yXv1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3y\n".repeat(10) +
  "-----END RSA PRIVATE KEY-----";

describe("classifyValue", () => {
  it.each([
    ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz", ["aws-secret-access-key"]],
    ["SIGNING_KEY", PRIVATE_KEY, ["private-key"]],
    ["GH", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", ["github-token"]],
    ["SLACK", "xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJklmn", ["slack-token"]],
    ["DATABASE_URL", "postgres://app:s3cr3tPassw0rd@db.example.com:5432/app", ["database-connection-string"]],
    ["DB_PASSWORD", "hunter2hunter2", ["generic-secret-by-key-name"]],
    ["KEY_ID", "AKIAZ7QXW3RT5YUP2K4M", ["aws-access-key-id"]],
  ])("recognises %s", async (key, value, kinds) => {
    const result = await classifyValue(key, value);
    expect(result.secretKinds).toEqual(kinds);
    expect(result.valueLength).toBe(value.length);
    expect(result.isReference).toBe(false);
  });

  it.each([
    ["STAGE", "production"],
    ["LOG_LEVEL", "debug"],
    ["PORT", "8080"],
    ["TOKEN_TTL_SECONDS", "3600"],
    ["API_KEY_HEADER", "x-api-key"],
    ["REGION", "eu-west-1"],
  ])("does not flag the setting %s", async (key, value) => {
    expect((await classifyValue(key, value)).secretKinds).toEqual([]);
  });

  it.each([
    ["DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf"],
    ["API_TOKEN", "arn:aws:ssm:eu-west-1:111122223333:parameter/prod/api-token"],
    ["DB_PASSWORD_PARAM", "/prod/db/password"],
    ["SECRET", "{{resolve:secretsmanager:prod/db:SecretString:password}}"],
  ])("treats %s as a reference to a secret store, not a secret", async (key, value) => {
    expect(await classifyValue(key, value)).toEqual({ valueLength: value.length, secretKinds: [], isReference: true });
  });
});

describe("classifyVariables", () => {
  it("attributes findings to the right variable and never returns a value", async () => {
    const canary = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARY0000";
    const result = await classifyVariables({ STAGE: "prod", AWS_SECRET_ACCESS_KEY: canary, EMPTY: "" });
    expect(result).toEqual([
      { key: "STAGE", valueLength: 4, secretKinds: [], isReference: false },
      { key: "AWS_SECRET_ACCESS_KEY", valueLength: canary.length, secretKinds: ["aws-secret-access-key"], isReference: false },
      { key: "EMPTY", valueLength: 0, secretKinds: [], isReference: false },
    ]);
    expect(JSON.stringify(result)).not.toContain("CANARY");
  });
});
