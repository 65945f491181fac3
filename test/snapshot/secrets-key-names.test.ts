import { describe, expect, it } from "vitest";
import { isInlineSecretByName, MIN_INLINE_SECRET_LENGTH, namesASecret } from "../../src/snapshot/secrets.js";

/** The one name rule for environment variables (UPPER_SNAKE) and stage variables (camelCase). */
describe("namesASecret", () => {
  it.each([
    "DB_PASSWORD", "PASSWORD", "MYSQL_PASSWD", "DB_PWD", "DB_PW", "SMTP_PASS", "GPG_PASSPHRASE", "CLIENT_SECRET", "JWT_SECRET",
    "NEXTAUTH_SECRET", "SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "API_KEY", "APIKEY", "STRIPE_API_KEY",
    "ACCESS_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "HMAC_KEY", "SSH_KEY", "DEPLOY_KEY", "AUTH_TOKEN", "GITHUB_TOKEN", "TOKEN", "REFRESH_TOKEN",
    "CREDENTIALS", "CREDENTIAL", "SERVICE_CREDS", "PASSWORD_SALT", "AUTHORIZATION",
    "apiKey", "dbPassword", "partnerToken", "clientSecret", "backendApiKey", "OAuthToken", "db-password", "PASSWORD_VALUE",
  ])("%s names a secret", (key) => {
    expect(namesASecret(key)).toBe(true);
  });

  it.each([
    // about the secret, not the secret
    "TOKEN_TTL_SECONDS", "API_KEY_HEADER", "DB_SECRET_ARN", "SECRET_NAME", "SECRET_ID", "DB_PASSWORD_PARAM", "PASSWORD_MIN_LENGTH",
    "AWS_ACCESS_KEY_ID", "TOKEN_ENDPOINT", "TOKEN_URL", "tokenIssuer", "PRIVATE_KEY_PATH", "SECRETS_MANAGER_ENDPOINT",
    "PASSWORD_RESET_URL", "API_KEY_REQUIRED", "apiKeyRequired", "SECRET_ROTATION_DAYS",
    // a secret word inside another word, or a key that is not a secret
    "PASSENGER_COUNT", "BYPASS_CACHE", "TOKENIZER_MODEL", "SECRETARY_EMAIL", "COMPASS_URL", "PASS_THROUGH",
    "PARTITION_KEY", "SORT_KEY", "S3_KEY", "CACHE_KEY", "IDEMPOTENCY_KEY", "KEY",
    // well-known settings
    "PWD", "GOOGLE_APPLICATION_CREDENTIALS", "TABLE_NAME", "STAGE", "LOG_LEVEL", "",
  ])("%s does not name a secret", (key) => {
    expect(namesASecret(key)).toBe(false);
  });
});

describe("isInlineSecretByName", () => {
  it("needs a secret's name, a value of the minimum length, and no reference", () => {
    expect(MIN_INLINE_SECRET_LENGTH).toBe(8);
    expect(isInlineSecretByName({ key: "DB_PASSWORD", valueLength: 8 })).toBe(true);
    expect(isInlineSecretByName({ key: "partnerToken", valueLength: 40, isReference: false })).toBe(true);
    expect(isInlineSecretByName({ key: "DB_PASSWORD", valueLength: 7 })).toBe(false);
    expect(isInlineSecretByName({ key: "DB_PASSWORD", valueLength: 90, isReference: true })).toBe(false);
    expect(isInlineSecretByName({ key: "TABLE_NAME", valueLength: 40 })).toBe(false);
  });
});
