import { describe, expect, it } from "vitest";
import { looksRandom, measure, nonSecretShape, POSSIBLE_SECRET_THRESHOLDS } from "../../src/snapshot/secrets/shapes.js";
import { seeded } from "./secrets-corpus.js";

/**
 * The entropy rule (possible-secret) on generated data: random tokens of the alphabets credentials use
 * are flagged, names made of words are not. Seeded, so the rates are the same on every run; the bounds
 * are what was measured when the thresholds were chosen (docs/secrets.md), rounded down.
 */
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ALPHABETS = {
  base62: ALNUM,
  base64: ALNUM + "+/",
  base64url: ALNUM + "-_",
  lowerAlnum: "abcdefghijklmnopqrstuvwxyz0123456789",
  password: ALNUM + "!#%&*+-=?@^_",
};
const MIN_RATE: Record<keyof typeof ALPHABETS, number> = { base62: 0.99, base64: 0.97, base64url: 0.97, lowerAlnum: 0.92, password: 0.95 };
const SAMPLES = 1000;

const flagged = (value: string) => nonSecretShape(value) === undefined && looksRandom(measure(value));

describe("possible-secret thresholds", () => {
  it("start at the documented length", () => {
    expect(POSSIBLE_SECRET_THRESHOLDS.minLength).toBe(20);
    expect(POSSIBLE_SECRET_THRESHOLDS.minEntropy).toBe(3.5);
  });

  it.each(Object.keys(ALPHABETS) as (keyof typeof ALPHABETS)[])("flag random %s tokens of 20 to 64 characters", (name) => {
    const random = seeded(name.length * 7919);
    const alphabet = ALPHABETS[name];
    const rates: string[] = [];
    for (const length of [20, 32, 40, 64]) {
      let hits = 0;
      for (let sample = 0; sample < SAMPLES; sample += 1) {
        let value = "";
        for (let index = 0; index < length; index += 1) value += alphabet[Math.floor(random() * alphabet.length)];
        if (flagged(value)) hits += 1;
      }
      rates.push(`${length}: ${(hits / SAMPLES).toFixed(3)}`);
      expect(hits / SAMPLES, `${name} of ${length}`).toBeGreaterThanOrEqual(MIN_RATE[name]);
    }
    console.log(`possible-secret on random ${name}: ${rates.join(", ")}`);
  });

  it.each([
    "OrdersStack-OrdersTable-1A2B3C4D5E6F", "MyStack-OrdersFunction-AbCdEf123456", "serverlessrepo-my-app-MyFunction-1ABCDEF2GHIJK",
    "sam-app-HelloWorldFunction-Zx8Yw7Vu6Ts5", "cdk-hnb659fds-assets-111122223333-eu-west-1", "StackSet-orders-0a1b2c3d-4e5f-6789",
    "MyApplicationStackOrdersFunction", "OrdersTableStreamArnV2Final", "orders-api-prod-eu-west-1", "com.example.orders.Handler",
    "gpt-4o-mini-2024-07-18", "anthropic.claude-3-haiku-20240307-v1:0", "us-east-1:12345678-1234-1234-1234-123456789012",
    "prod-orders-7f8d9c6b5-x2k9q", "amzn-s3-demo-bucket-1a2b3c", "v1.2.3-beta.4+build.5678", "AppSyncApiKeyDefault2024",
    "sg-0123456789abcdef0", "fe80::1ff:fe23:4567:890a", "2024-05-01T12:00:00.000Z",
  ])("leave the name %s alone", (value) => {
    expect(flagged(value)).toBe(false);
  });
});
