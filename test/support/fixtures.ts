import { snapshotSchema, type LambdaFunction, type Snapshot } from "../../src/snapshot/schema.js";

export const ACCOUNT_ID = "111122223333";
export const REGION = "eu-west-1";
export const COLLECTED_AT = "2026-11-01T12:00:00.000Z";

export function functionArn(name: string, region = REGION, account = ACCOUNT_ID): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}`;
}

export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/fixture-function-role`;

/**
 * A function that passes every check: each test case states only what it changes. Built through
 * the real schema, so a fixture that the collectors could never produce fails loudly.
 */
export function secureFunction(overrides: Partial<LambdaFunction> = {}): LambdaFunction {
  const name = overrides.name ?? "fixture-function";
  const base: LambdaFunction = {
    arn: functionArn(name, overrides.region ?? REGION),
    name,
    region: REGION,
    runtime: "nodejs22.x",
    packageType: "Zip",
    architectures: ["arm64"],
    handler: "index.handler",
    role: ROLE_ARN,
    memorySize: 256,
    timeout: 10,
    lastModified: "2026-10-01T00:00:00.000+0000",
    environment: null,
    kmsKeyArn: null,
    tracingMode: "Active",
    vpc: null,
    deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:fixture-dlq",
    layers: [],
    codeSigningConfig: null,
    reservedConcurrency: 10,
    runtimeManagement: { updateRuntimeOn: "Auto", runtimeVersionArn: null },
    loggingConfig: { logGroup: `/aws/lambda/${name}`, logFormat: "JSON" },
    url: null,
    resourcePolicy: null,
    eventInvokeConfig: null,
    tags: { owner: "team-a" },
  };
  return { ...base, ...overrides };
}

export function snapshotWith(parts: Partial<Snapshot> = {}): Snapshot {
  const snapshot: Snapshot = {
    schemaVersion: 1,
    tool: { name: "lambda-posture", version: "test" },
    collectedAt: COLLECTED_AT,
    partition: "aws",
    accountId: ACCOUNT_ID,
    regions: [REGION],
    functions: [],
    roles: [],
    managedPolicies: [],
    eventSourceMappings: [],
    restApis: [],
    httpApis: [],
    logGroups: [],
    securityGroups: [],
    subnets: [],
    layerVersions: [],
    gaps: [],
    ...parts,
  };
  return snapshotSchema.parse(snapshot);
}
