/**
 * Builds the demo account snapshot shipped in src/demo/demo-account.snapshot.json.
 * Regenerate after editing: `npx tsc -p tsconfig.json && node dist/scripts/build-demo-snapshot.js`
 * (test/demo/demo-snapshot.test.ts fails when the JSON is not what this script writes).
 *
 * The account is fictional (123456789012, the account id AWS documentation uses) and is meant to
 * look like a real mid-sized serverless estate: mostly sound functions, a handful of badly
 * configured ones, shared roles, an admin role, public and cross-account policies, function URLs,
 * REST and HTTP API routes, missing and weak log groups, VPC functions, and reads that failed; and
 * the 2025–2026 surface: two capacity providers (Lambda Managed Instances), durable functions, a
 * recursive loop left running, SnapStart, a DEBUG log level, a known publisher's layer, and CloudTrail,
 * GuardDuty and Inspector coverage that differs between the two regions.
 */
import { join } from "node:path";
import { OPERATOR_POLICY_ARN, OPERATOR_POLICY_DOCUMENT, OPERATOR_POLICY_NAME } from "../src/data/capacity-provider-operator.js";
import { packageRoot } from "../src/package-info.js";
import { snapshotSchema, type LambdaFunction, type Snapshot } from "../src/snapshot/schema.js";

const ACCOUNT = "123456789012";
const PARTNER_ACCOUNT = "444455556666";
const VENDOR_ACCOUNT = "999988887777";
const EU = "eu-west-1";
const US = "us-east-1";
const COLLECTED_AT = "2026-11-15T09:00:00.000Z";

const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/service-role/${name}`;
const awsPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const awsServiceRolePolicy = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;

const lambdaTrust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

const basicExecution = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
  ],
};

/** The secure baseline; each function below states only how it differs. */
function fn(region: string, name: string, overrides: Partial<LambdaFunction>): LambdaFunction {
  return {
    arn: fnArn(region, name),
    name,
    region,
    runtime: "nodejs22.x",
    packageType: "Zip",
    architectures: ["arm64"],
    handler: "index.handler",
    role: roleArn("basic-lambda-role"),
    memorySize: 512,
    timeout: 15,
    lastModified: "2026-10-20T10:15:00.000+0000",
    description: "",
    state: "Active",
    environment: null,
    kmsKeyArn: null,
    tracingMode: "Active",
    vpc: null,
    deadLetterTargetArn: `arn:aws:sqs:${region}:${ACCOUNT}:lambda-dlq`,
    layers: [],
    codeSigningConfig: {
      arn: `arn:aws:lambda:${region}:${ACCOUNT}:code-signing-config:csc-0a1b2c3d4e5f60718`,
      untrustedArtifactOnDeployment: "Enforce",
      allowedPublisherArns: [`arn:aws:signer:${region}:${ACCOUNT}:/signing-profiles/release`],
    },
    reservedConcurrency: 50,
    runtimeManagement: { updateRuntimeOn: "Auto", runtimeVersionArn: null },
    loggingConfig: { logGroup: `/aws/lambda/${name}`, logFormat: "JSON" },
    url: null,
    resourcePolicy: null,
    eventInvokeConfig: null,
    tags: { owner: "platform-team", "data-classification": "internal" },
    aliases: [],
    versions: [],
    capacityProviderConfig: null,
    durableConfig: null,
    snapStart: null,
    // A container image has no package key of its own (GetFunction answers none).
    sourceKmsKeyArn: overrides.packageType === "Image" ? null : `arn:aws:kms:${region}:${ACCOUNT}:key/7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a`,
    recursiveLoop: "Terminate",
    ...overrides,
  };
}

/** Lambda Managed Instances: a function placed on one of the account's capacity providers. */
const EU_PROVIDER = `arn:aws:lambda:${EU}:${ACCOUNT}:capacity-provider:eu-batch`;
const US_PROVIDER = `arn:aws:lambda:${US}:${ACCOUNT}:capacity-provider:us-search`;
const onProvider = (providerArn: string) => ({ capacityProviderConfig: { capacityProviderArn: providerArn, perExecutionEnvironmentMaxConcurrency: 16 } });

const invokeStatement = (sid: string, principal: unknown, condition?: Record<string, unknown>, action = "lambda:InvokeFunction") => ({
  Sid: sid,
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: "FUNCTION_ARN",
  ...(condition ? { Condition: condition } : {}),
});

function policyFor(arn: string, statements: ReturnType<typeof invokeStatement>[]) {
  return {
    Version: "2012-10-17",
    Id: "default",
    Statement: statements.map((statement) => ({ ...statement, Resource: arn })),
  };
}

const functions: LambdaFunction[] = [
  // eu-west-1: the orders domain, mostly sound
  fn(EU, "orders-api", {
    role: roleArn("orders-role"),
    resourcePolicy: policyFor(fnArn(EU, "orders-api"), [
      invokeStatement("apigw-orders", { Service: "apigateway.amazonaws.com" }, {
        ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${EU}:${ACCOUNT}:a1b2c3d4e5/*/*/orders` },
      }),
    ]),
    tags: { owner: "orders-team", "data-classification": "confidential" },
  }),
  fn(EU, "orders-worker", {
    runtime: "python3.13",
    handler: "app.handler",
    role: roleArn("orders-role"),
    reservedConcurrency: 20,
    tags: { owner: "orders-team", "data-classification": "confidential" },
  }),
  fn(EU, "orders-reconciler", {
    runtime: "python3.13",
    handler: "app.handler",
    role: roleArn("orders-role"),
    // A durable function that keeps every execution's history for AWS's maximum of 90 days, under AWS's key.
    durableConfig: { executionTimeout: 86_400, retentionPeriodInDays: 90, kmsKeyArn: null },
    kmsKeyArn: `arn:aws:kms:${EU}:${ACCOUNT}:key/3f1e2d4c-5b6a-4789-9abc-def012345678`,
    environment: [
      { key: "TABLE_NAME", valueLength: 12, secretKinds: [] },
      { key: "DB_CREDENTIALS_SECRET", valueLength: 86, secretKinds: [], isReference: true },
    ],
    tags: { owner: "orders-team", "data-classification": "confidential" },
  }),
  // A public webhook with a function URL and everything else wrong
  fn(EU, "payments-webhook", {
    runtime: "nodejs18.x",
    role: roleArn("payments-admin-role"),
    environment: [
      { key: "STRIPE_API_KEY", valueLength: 107, secretKinds: ["generic-secret-by-key-name"] },
      { key: "AWS_SECRET_ACCESS_KEY", valueLength: 40, secretKinds: ["aws-secret-access-key"] },
      { key: "LOG_LEVEL", valueLength: 4, secretKinds: [] },
    ],
    tracingMode: "PassThrough",
    deadLetterTargetArn: null,
    codeSigningConfig: null,
    reservedConcurrency: null,
    sourceKmsKeyArn: null,
    loggingConfig: { logGroup: "/aws/lambda/payments-webhook", logFormat: "JSON", applicationLogLevel: "DEBUG", systemLogLevel: "INFO" },
    url: {
      authType: "NONE",
      url: "https://q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2.lambda-url.eu-west-1.on.aws/",
      invokeMode: "BUFFERED",
      // Before October 2025: the URL permission alone worked until the exception ended on 2026-11-01.
      creationTime: "2024-03-12T08:30:00.000Z",
      cors: { allowOrigins: ["*"], allowMethods: ["POST"], allowCredentials: true },
    },
    resourcePolicy: policyFor(fnArn(EU, "payments-webhook"), [
      invokeStatement("FunctionURLAllowPublicAccess", "*", { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, "lambda:InvokeFunctionUrl"),
    ]),
    eventInvokeConfig: null,
    tags: {},
  }),
  fn(EU, "invoice-renderer", {
    runtime: "java8.al2",
    handler: "com.example.invoices.Handler::handleRequest",
    memorySize: 2048,
    timeout: 120,
    role: roleArn("invoice-role"),
    snapStart: { applyOn: "PublishedVersions", optimizationStatus: "On" },
    sourceKmsKeyArn: null,
    layers: [{ arn: `arn:aws:lambda:${EU}:${VENDOR_ACCOUNT}:layer:pdf-tools:7`, codeSize: 24_117_248 }],
    codeSigningConfig: {
      arn: `arn:aws:lambda:${EU}:${ACCOUNT}:code-signing-config:csc-0f9e8d7c6b5a49382`,
      untrustedArtifactOnDeployment: "Warn",
      allowedPublisherArns: [`arn:aws:signer:${EU}:${ACCOUNT}:/signing-profiles/release`],
    },
    tags: { owner: "billing-team" },
  }),
  fn(EU, "legacy-report", {
    runtime: "python3.9",
    handler: "report.main",
    role: roleArn("reports-role"),
    runtimeManagement: { updateRuntimeOn: "Manual", runtimeVersionArn: `arn:aws:lambda:${EU}::runtime:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef` },
    reservedConcurrency: null,
    deadLetterTargetArn: null,
    eventInvokeConfig: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600, onSuccessDestination: null, onFailureDestination: null },
    tags: { owner: "finance-analytics" },
  }),
  fn(EU, "image-resizer", {
    runtime: null,
    packageType: "Image",
    handler: null,
    imageUri: `${ACCOUNT}.dkr.ecr.${EU}.amazonaws.com/image-resizer@sha256:9c2d6e1f7b3a4c5d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f`,
    role: roleArn("image-role"),
    runtimeManagement: null,
    codeSigningConfig: null,
    vpc: { vpcId: "vpc-0a11b22c33d44e55f", subnetIds: ["subnet-0aaa1111bbbb2222c"], securityGroupIds: ["sg-0open0egress00001"] },
    tags: { owner: "media-team" },
  }),
  fn(EU, "user-profile", {
    role: roleArn("basic-lambda-role"),
    // Internet-facing (a route without authorization), on the same capacity provider as data-export,
    // whose role reads data stores on every resource.
    ...onProvider(EU_PROVIDER),
    resourcePolicy: policyFor(fnArn(EU, "user-profile"), [
      invokeStatement("httpapi-profile", { Service: "apigateway.amazonaws.com" }, {
        ArnLike: { "aws:SourceArn": `arn:aws:execute-api:${EU}:${ACCOUNT}:h7t8p9a0p1/*` },
      }),
    ]),
  }),
  fn(EU, "admin-tools", {
    role: roleArn("admin-tools-role"),
    resourcePolicy: policyFor(fnArn(EU, "admin-tools"), [
      invokeStatement("httpapi-admin", { Service: "apigateway.amazonaws.com" }, {
        ArnLike: { "aws:SourceArn": `arn:aws:execute-api:${EU}:${ACCOUNT}:h7t8p9a0p1/*` },
      }),
    ]),
    tags: { owner: "platform-team" },
  }),
  fn(EU, "audit-forwarder", {
    role: roleArn("audit-role"),
    kmsKeyArn: `arn:aws:kms:${EU}:${ACCOUNT}:key/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d`,
    environment: [{ key: "SIEM_ENDPOINT", valueLength: 38, secretKinds: [] }],
    vpc: {
      vpcId: "vpc-0a11b22c33d44e55f",
      subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"],
      securityGroupIds: ["sg-0restricted00002"],
    },
    resourcePolicy: policyFor(fnArn(EU, "audit-forwarder"), [
      invokeStatement("partner-invoke", { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` }),
    ]),
    tags: { owner: "security-team", "data-classification": "restricted" },
  }),
  fn(EU, "s3-thumbnailer", {
    role: roleArn("media-role"),
    resourcePolicy: policyFor(fnArn(EU, "s3-thumbnailer"), [invokeStatement("s3-invoke", { Service: "s3.amazonaws.com" })]),
    tags: { owner: "media-team" },
  }),
  fn(EU, "events-handler", {
    // Writes back to the queue it reads: recursive loop detection was turned off to let it.
    recursiveLoop: "Allow",
    runtime: "python3.12",
    handler: "app.handler",
    resourcePolicy: policyFor(fnArn(EU, "events-handler"), [
      invokeStatement("events-invoke", { Service: "events.amazonaws.com" }, {
        ArnLike: { "AWS:SourceArn": `arn:aws:events:${EU}:${ACCOUNT}:rule/nightly-sync` },
      }),
    ]),
  }),
  fn(EU, "data-export", {
    runtime: "python3.12",
    handler: "export.handler",
    role: roleArn("data-export-role"),
    ...onProvider(EU_PROVIDER),
    durableConfig: { executionTimeout: 3_600, retentionPeriodInDays: 7, kmsKeyArn: `arn:aws:kms:${EU}:${ACCOUNT}:key/3f1e2d4c-5b6a-4789-9abc-def012345678` },
    environment: [
      { key: "DB_PASSWORD", valueLength: 32, secretKinds: ["generic-secret-by-key-name"] },
      { key: "EXPORT_BUCKET", valueLength: 21, secretKinds: [] },
    ],
    tags: { owner: "data-team", "data-classification": "restricted" },
  }),
  // Reads that failed: GetPolicy denied on this function, so the policy checks cannot decide
  fn(EU, "fraud-scorer", {
    runtime: "python3.13",
    handler: "score.handler",
    role: roleArn("fraud-role"),
    resourcePolicy: undefined,
    tags: { owner: "risk-team" },
  }),
  // us-east-1: the customer-facing edge
  fn(US, "edge-auth", {
    role: roleArn("basic-lambda-role"),
    runtimeManagement: { updateRuntimeOn: "FunctionUpdate", runtimeVersionArn: null },
  }),
  fn(US, "marketing-signup", {
    url: { authType: "AWS_IAM", url: "https://m4r5k6e7t8i9n0g1s2i3g4n5u6p7a8b9.lambda-url.us-east-1.on.aws/", invokeMode: "BUFFERED", cors: { allowOrigins: ["https://www.example.com"], allowMethods: ["POST"] } },
    resourcePolicy: policyFor(fnArn(US, "marketing-signup"), [
      invokeStatement("cloudfront-oac", { Service: "cloudfront.amazonaws.com" }, {
        ArnLike: { "AWS:SourceArn": `arn:aws:cloudfront::${ACCOUNT}:distribution/E1A2B3C4D5E6F7` },
      }, "lambda:InvokeFunctionUrl"),
    ]),
  }),
  fn(US, "search-indexer", {
    role: roleArn("search-role"),
    runtime: "nodejs20.x",
    ...onProvider(US_PROVIDER),
    // AWS's CloudWatch Lambda Insights extension: a foreign account, but a known publisher.
    layers: [{ arn: `arn:aws:lambda:${US}:580247275435:layer:LambdaInsightsExtension:53`, codeSize: 5_242_880 }],
    tags: { owner: "search-team" },
  }),
  fn(US, "notifications-sender", {
    resourcePolicy: policyFor(fnArn(US, "notifications-sender"), [
      invokeStatement("sns-invoke", { Service: "sns.amazonaws.com" }, {
        ArnLike: { "AWS:SourceArn": `arn:aws:sns:${US}:${ACCOUNT}:customer-notifications` },
      }),
    ]),
  }),
  fn(US, "reporting-cron", {
    runtime: "python3.12",
    handler: "cron.handler",
    role: roleArn("reports-role"),
    tracingMode: "PassThrough",
    reservedConcurrency: null,
    tags: { owner: "finance-analytics" },
  }),
  fn(US, "legacy-node16", {
    runtime: "nodejs16.x",
    role: roleArn("legacy-role"),
    codeSigningConfig: null,
    deadLetterTargetArn: null,
    tags: {},
  }),
  // Its role was deleted when the team that owned it left; the function still runs on a schedule and fails.
  fn(US, "nightly-cleanup", {
    role: roleArn("cleanup-role-deleted"),
    tags: { owner: "former-ops-team" },
  }),
  fn(US, "pdf-layer-consumer", {
    layers: [{ arn: `arn:aws:lambda:${US}:${ACCOUNT}:layer:shared-fonts:3`, codeSize: 5_242_880 }],
  }),
  fn(US, "customer-api", {
    role: roleArn("customer-api-role"),
    resourcePolicy: policyFor(fnArn(US, "customer-api"), [
      invokeStatement("apigw-any", { Service: "apigateway.amazonaws.com" }, { ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:*" } }),
    ]),
    tags: { owner: "customer-team", "data-classification": "confidential" },
    // The function is private; its `live` alias, what the mobile app calls, has its own public URL.
    aliases: [
      {
        name: "live",
        arn: `${fnArn(US, "customer-api")}:live`,
        functionVersion: "12",
        additionalVersions: ["13"],
        resourcePolicy: policyFor(`${fnArn(US, "customer-api")}:live`, [
          invokeStatement("FunctionURLAllowPublicAccess", "*", { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, "lambda:InvokeFunctionUrl"),
          invokeStatement("FunctionURLInvokeAllowPublicAccess", "*", { Bool: { "lambda:InvokedViaFunctionUrl": "true" } }),
        ]),
        url: {
          authType: "NONE",
          url: "https://c5u6s7t8o9m0e1r2a3p4i5l6i7v8e9x0.lambda-url.us-east-1.on.aws/",
          invokeMode: "BUFFERED",
          creationTime: "2025-12-15T16:05:00.000Z",
          cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"] },
        },
      },
    ],
    versions: [
      { version: "12", arn: `${fnArn(US, "customer-api")}:12`, resourcePolicy: null },
      {
        version: "13",
        arn: `${fnArn(US, "customer-api")}:13`,
        // Granted to a role that was deleted since: IAM left its unique id, which matches nobody.
        resourcePolicy: policyFor(`${fnArn(US, "customer-api")}:13`, [invokeStatement("canary-tester", { AWS: "AROA4EXAMPLEDELETED01" })]),
      },
    ],
  }),
  fn(US, "partner-callback", {
    role: roleArn("customer-api-role"),
    resourcePolicy: policyFor(fnArn(US, "partner-callback"), [
      invokeStatement("apigw-partner", { Service: "apigateway.amazonaws.com" }, {
        ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${US}:${ACCOUNT}:r3s4t5a6p7/*` },
      }),
      // Left over from a joint debugging session: the partner can download the code.
      invokeStatement("partner-debug", { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` }, undefined, "lambda:GetFunction"),
    ]),
    tags: { owner: "customer-team" },
  }),
  fn(US, "ml-inference", {
    runtime: null,
    packageType: "Image",
    handler: null,
    imageUri: `${ACCOUNT}.dkr.ecr.${US}.amazonaws.com/ml-inference:latest`,
    // Not rebuilt since February: the image's OS and libraries have had no patch since.
    lastModified: "2026-02-03T16:42:00.000+0000",
    runtimeManagement: null,
    codeSigningConfig: null,
    memorySize: 10240,
    timeout: 900,
    role: roleArn("ml-role"),
    tags: { owner: "ml-team" },
  }),
  fn(US, "secrets-rotator", {
    role: roleArn("rotator-role"),
    environment: [
      { key: "SECRET_ARN", valueLength: 88, secretKinds: [], isReference: true },
      { key: "SSM_PARAMETER", valueLength: 28, secretKinds: [], isReference: true },
    ],
    kmsKeyArn: `arn:aws:kms:${US}:${ACCOUNT}:key/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f`,
    vpc: {
      vpcId: "vpc-0b22c33d44e55f66a",
      subnetIds: ["subnet-0us1aaaa1111bbbb2", "subnet-0us1cccc3333dddd4"],
      securityGroupIds: ["sg-0restricted00003"],
    },
    tags: { owner: "security-team", "data-classification": "restricted" },
  }),
];

const managedPolicies: Snapshot["managedPolicies"] = [
  { arn: OPERATOR_POLICY_ARN, name: OPERATOR_POLICY_NAME, awsManaged: true, defaultVersionId: "v1", document: OPERATOR_POLICY_DOCUMENT },
  {
    arn: awsPolicy("AdministratorAccess"),
    name: "AdministratorAccess",
    awsManaged: true,
    defaultVersionId: "v1",
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  },
  { arn: awsServiceRolePolicy("AWSLambdaBasicExecutionRole"), name: "AWSLambdaBasicExecutionRole", awsManaged: true, defaultVersionId: "v1", document: basicExecution },
  {
    arn: awsServiceRolePolicy("AWSLambdaVPCAccessExecutionRole"),
    name: "AWSLambdaVPCAccessExecutionRole",
    awsManaged: true,
    defaultVersionId: "v3",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
          ],
          Resource: "*",
        },
      ],
    },
  },
  {
    arn: `arn:aws:iam::${ACCOUNT}:policy/reports-s3-full`,
    name: "reports-s3-full",
    awsManaged: false,
    defaultVersionId: "v2",
    document: { Version: "2012-10-17", Statement: [{ Sid: "ReportsBuckets", Effect: "Allow", Action: "s3:*", Resource: "*" }] },
  },
  {
    arn: `arn:aws:iam::${ACCOUNT}:policy/lambda-boundary`,
    name: "lambda-boundary",
    awsManaged: false,
    defaultVersionId: "v1",
    document: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["logs:*", "dynamodb:*", "sqs:*", "s3:GetObject", "s3:PutObject", "kms:Decrypt"], Resource: "*" },
        { Effect: "Deny", Action: ["iam:*", "organizations:*"], Resource: "*" },
      ],
    },
  },
];

const role = (name: string, parts: Partial<Snapshot["roles"][number]>): Snapshot["roles"][number] => ({
  arn: roleArn(name),
  name,
  path: "/service-role/",
  createDate: "2024-03-11T08:00:00.000Z",
  trustPolicy: lambdaTrust,
  attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaBasicExecutionRole")],
  inlinePolicies: [],
  permissionsBoundaryArn: null,
  lastUsed: { date: "2026-11-14T22:10:00.000Z", region: EU },
  ...parts,
});

const inline = (name: string, statements: unknown[]) => ({ name, document: { Version: "2012-10-17", Statement: statements } });

const roles: Snapshot["roles"] = [
  role("basic-lambda-role", {}),
  role("orders-role", {
    attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaBasicExecutionRole")],
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/lambda-boundary`,
    inlinePolicies: [
      inline("orders-data", [
        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:${EU}:${ACCOUNT}:table/orders` },
        { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: `arn:aws:sqs:${EU}:${ACCOUNT}:orders-queue` },
      ]),
    ],
  }),
  role("payments-admin-role", { attachedPolicyArns: [awsPolicy("AdministratorAccess")] }),
  // Capacity provider operator roles: the EU one holds AWS's operator policy only, the US one more.
  role("eu-batch-operator", { attachedPolicyArns: [OPERATOR_POLICY_ARN], lastUsed: null }),
  role("us-search-operator", {
    attachedPolicyArns: [OPERATOR_POLICY_ARN],
    inlinePolicies: [inline("ec2-everything", [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }])],
    lastUsed: null,
  }),
  role("invoice-role", {
    inlinePolicies: [inline("invoices", [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::example-invoices/*" }])],
  }),
  role("reports-role", {
    attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaBasicExecutionRole"), `arn:aws:iam::${ACCOUNT}:policy/reports-s3-full`],
  }),
  role("image-role", { attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaVPCAccessExecutionRole")] }),
  role("admin-tools-role", {
    inlinePolicies: [
      inline("deploy-helpers", [
        { Sid: "PassAnyRole", Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
        { Sid: "ManageFunctions", Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"], Resource: "*" },
      ]),
    ],
  }),
  role("audit-role", {
    attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaVPCAccessExecutionRole")],
    inlinePolicies: [inline("read-audit-stream", [{ Effect: "Allow", Action: ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"], Resource: `arn:aws:kinesis:${EU}:${ACCOUNT}:stream/audit` }])],
  }),
  role("media-role", {
    inlinePolicies: [inline("media", [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::example-media/*" }])],
  }),
  role("data-export-role", {
    inlinePolicies: [
      inline("export", [
        { Sid: "ReadEverything", Effect: "Allow", Action: ["s3:GetObject", "secretsmanager:GetSecretValue", "dynamodb:Scan"], Resource: "*" },
        { Sid: "NotActionAllow", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: `arn:aws:s3:::example-exports/*` },
      ]),
    ],
  }),
  role("search-role", {
    inlinePolicies: [inline("search", [{ Effect: "Allow", Action: ["es:ESHttpPost", "es:ESHttpPut"], Resource: `arn:aws:es:${US}:${ACCOUNT}:domain/search/*` }])],
  }),
  role("legacy-role", {
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"] }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
      ],
    },
    attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaBasicExecutionRole")],
    inlinePolicies: [inline("legacy", [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: "*" }, { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" }])],
    lastUsed: null,
  }),
  role("customer-api-role", {
    inlinePolicies: [inline("customers", [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:${US}:${ACCOUNT}:table/customers` }])],
  }),
  role("ml-role", {
    inlinePolicies: [inline("models", [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::example-models/*" }])],
  }),
  role("rotator-role", {
    attachedPolicyArns: [awsServiceRolePolicy("AWSLambdaVPCAccessExecutionRole")],
    inlinePolicies: [
      inline("rotate", [
        { Effect: "Allow", Action: ["secretsmanager:*"], Resource: "*" },
        { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:${US}:${ACCOUNT}:key/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f` },
      ]),
    ],
  }),
  // fraud-role: GetRole was denied (see gaps), so it is not here.
];

const logGroup = (region: string, name: string, retentionInDays: number | null, kmsKeyId: string | null = null) => ({
  name: `/aws/lambda/${name}`,
  region,
  arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${name}`,
  retentionInDays,
  kmsKeyId,
});
const cmk = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b`;

const logGroups: Snapshot["logGroups"] = [
  logGroup(EU, "orders-api", 400, cmk(EU)),
  logGroup(EU, "orders-worker", 30, cmk(EU)),
  logGroup(EU, "orders-reconciler", 400, cmk(EU)),
  // payments-webhook: no log group (deleted, or the role cannot create it)
  logGroup(EU, "invoice-renderer", 400, null),
  logGroup(EU, "legacy-report", null, null),
  logGroup(EU, "image-resizer", 731, cmk(EU)),
  logGroup(EU, "user-profile", 400, cmk(EU)),
  logGroup(EU, "admin-tools", 400, cmk(EU)),
  logGroup(EU, "audit-forwarder", 2557, cmk(EU)),
  logGroup(EU, "s3-thumbnailer", 400, cmk(EU)),
  logGroup(EU, "events-handler", 400, cmk(EU)),
  logGroup(EU, "data-export", 14, null),
  logGroup(EU, "fraud-scorer", 400, cmk(EU)),
  logGroup(US, "edge-auth", 400, cmk(US)),
  logGroup(US, "marketing-signup", 400, cmk(US)),
  logGroup(US, "search-indexer", 400, cmk(US)),
  logGroup(US, "notifications-sender", 400, cmk(US)),
  logGroup(US, "reporting-cron", 400, cmk(US)),
  // legacy-node16: no log group
  logGroup(US, "pdf-layer-consumer", 400, cmk(US)),
  logGroup(US, "customer-api", 90, null),
  logGroup(US, "partner-callback", 400, cmk(US)),
  logGroup(US, "ml-inference", 400, cmk(US)),
  logGroup(US, "secrets-rotator", 3653, cmk(US)),
];

const snapshot: Snapshot = {
  schemaVersion: 3,
  tool: { name: "lambda-posture", version: "demo" },
  collectedAt: COLLECTED_AT,
  partition: "aws",
  accountId: ACCOUNT,
  regions: [EU, US],
  organization: { id: "o-demo4x7k2m9q", arn: "arn:aws:organizations::999900001111:organization/o-demo4x7k2m9q", managementAccountId: "999900001111" },
  functions,
  roles,
  managedPolicies,
  eventSourceMappings: [
    {
      uuid: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      region: EU,
      functionArn: fnArn(EU, "orders-worker"),
      eventSourceArn: `arn:aws:sqs:${EU}:${ACCOUNT}:orders-queue`,
      state: "Enabled",
      batchSize: 10,
      hasFilterCriteria: false,
    },
    {
      uuid: "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d",
      region: US,
      functionArn: fnArn(US, "search-indexer"),
      eventSourceArn: `arn:aws:dynamodb:${US}:${ACCOUNT}:table/customers/stream/2026-01-01T00:00:00.000`,
      state: "Enabled",
      batchSize: 100,
      maximumRetryAttempts: -1,
      bisectBatchOnFunctionError: false,
      onFailureDestination: null,
      hasFilterCriteria: false,
    },
  ],
  restApis: [
    {
      id: "a1b2c3d4e5",
      arn: `arn:aws:apigateway:${EU}::/restapis/a1b2c3d4e5`,
      name: "orders",
      region: EU,
      endpointTypes: ["REGIONAL"],
      disableExecuteApiEndpoint: false,
      apiKeySource: "HEADER",
      policy: null,
      resources: [
        {
          id: "r00t01",
          path: "/orders",
          methods: [
            {
              httpMethod: "POST",
              authorizationType: "COGNITO_USER_POOLS",
              authorizerId: "auth01",
              apiKeyRequired: false,
              integration: { type: "AWS_PROXY", uri: `arn:aws:apigateway:${EU}:lambda:path/2015-03-31/functions/${fnArn(EU, "orders-api")}:live/invocations`, functionArn: fnArn(EU, "orders-api"), functionQualifier: "live" },
            },
          ],
        },
      ],
      authorizers: [{ id: "auth01", name: "customers-pool", type: "COGNITO_USER_POOLS", functionArn: null }],
      stages: [
        {
          name: "prod",
          deploymentId: "dep001",
          accessLogDestinationArn: `arn:aws:logs:${EU}:${ACCOUNT}:log-group:api-gateway/orders-prod`,
          tracingEnabled: true,
          webAclArn: `arn:aws:wafv2:${EU}:${ACCOUNT}:regional/webacl/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
          clientCertificateId: "cc0001",
          cacheClusterEnabled: false,
          methodSettings: { "*/*": { loggingLevel: "INFO", dataTraceEnabled: false, metricsEnabled: true, throttlingBurstLimit: 200, throttlingRateLimit: 100 } },
          variables: [],
        },
      ],
    },
    {
      id: "r3s4t5a6p7",
      arn: `arn:aws:apigateway:${US}::/restapis/r3s4t5a6p7`,
      name: "customer-public",
      region: US,
      endpointTypes: ["EDGE"],
      disableExecuteApiEndpoint: false,
      apiKeySource: "HEADER",
      policy: null,
      resources: [
        {
          id: "res001",
          path: "/customers/{id}",
          methods: [
            {
              httpMethod: "GET",
              authorizationType: "NONE",
              authorizerId: null,
              apiKeyRequired: false,
              integration: { type: "AWS_PROXY", uri: `arn:aws:apigateway:${US}:lambda:path/2015-03-31/functions/${fnArn(US, "customer-api")}/invocations`, functionArn: fnArn(US, "customer-api"), functionQualifier: null },
            },
          ],
        },
        {
          id: "res003",
          path: "/legacy/{proxy+}",
          methods: [
            {
              httpMethod: "ANY",
              authorizationType: "AWS_IAM",
              authorizerId: null,
              apiKeyRequired: false,
              integration: { type: "HTTP_PROXY", uri: "https://legacy-crm.internal.example.com/{proxy}", functionArn: null, functionQualifier: null },
            },
          ],
        },
        {
          id: "res002",
          path: "/partners/callback",
          methods: [
            {
              httpMethod: "POST",
              authorizationType: "NONE",
              authorizerId: null,
              apiKeyRequired: true,
              integration: { type: "AWS_PROXY", uri: `arn:aws:apigateway:${US}:lambda:path/2015-03-31/functions/${fnArn(US, "partner-callback")}/invocations`, functionArn: fnArn(US, "partner-callback"), functionQualifier: null },
            },
          ],
        },
      ],
      authorizers: [],
      stages: [
        {
          name: "v1",
          deploymentId: "dep101",
          accessLogDestinationArn: null,
          tracingEnabled: false,
          webAclArn: null,
          clientCertificateId: null,
          cacheClusterEnabled: true,
          methodSettings: { "*/*": { loggingLevel: "OFF", dataTraceEnabled: true, metricsEnabled: false, cachingEnabled: true, cacheDataEncrypted: false } },
          variables: [
            { key: "backendUrl", valueLength: 31, secretKinds: [] },
            { key: "partnerToken", valueLength: 40, secretKinds: ["generic-secret-by-key-name"] },
          ],
        },
      ],
    },
  ],
  httpApis: [
    {
      id: "h7t8p9a0p1",
      arn: `arn:aws:apigateway:${EU}::/apis/h7t8p9a0p1`,
      name: "profiles",
      region: EU,
      protocolType: "HTTP",
      apiEndpoint: "https://h7t8p9a0p1.execute-api.eu-west-1.amazonaws.com",
      disableExecuteApiEndpoint: false,
      cors: { allowOrigins: ["https://app.example.com"], allowCredentials: false },
      routes: [
        { id: "rt01", routeKey: "GET /profile/{id}", authorizationType: "NONE", authorizerId: null, apiKeyRequired: false, target: "integrations/in01" },
        { id: "rt02", routeKey: "POST /admin/{proxy+}", authorizationType: "JWT", authorizerId: "jwt01", apiKeyRequired: false, target: "integrations/in02" },
      ],
      integrations: [
        { id: "in01", type: "AWS_PROXY", uri: fnArn(EU, "user-profile"), functionArn: fnArn(EU, "user-profile"), functionQualifier: null },
        { id: "in02", type: "AWS_PROXY", uri: fnArn(EU, "admin-tools"), functionArn: fnArn(EU, "admin-tools"), functionQualifier: null },
      ],
      authorizers: [{ id: "jwt01", name: "okta", type: "JWT", functionArn: null }],
      stages: [
        { name: "$default", accessLogDestinationArn: null, autoDeploy: true, defaultRouteThrottling: null, detailedMetricsEnabled: false, variables: [] },
      ],
    },
  ],
  logGroups,
  securityGroups: [
    {
      id: "sg-0open0egress00001",
      region: EU,
      vpcId: "vpc-0a11b22c33d44e55f",
      name: "image-resizer",
      egress: [{ protocol: "-1", fromPort: null, toPort: null, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: ["::/0"] }],
    },
    {
      id: "sg-0restricted00002",
      region: EU,
      vpcId: "vpc-0a11b22c33d44e55f",
      name: "audit-forwarder",
      egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["10.20.0.0/16"], ipv6Ranges: [] }],
    },
    {
      id: "sg-0restricted00003",
      region: US,
      vpcId: "vpc-0b22c33d44e55f66a",
      name: "secrets-rotator",
      egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: ["pl-0a1b2c3d4e5f60718"] }],
    },
  ],
  subnets: [
    { id: "subnet-0aaa1111bbbb2222c", region: EU, vpcId: "vpc-0a11b22c33d44e55f", availabilityZone: "eu-west-1a" },
    { id: "subnet-0ddd3333eeee4444f", region: EU, vpcId: "vpc-0a11b22c33d44e55f", availabilityZone: "eu-west-1b" },
    { id: "subnet-0us1aaaa1111bbbb2", region: US, vpcId: "vpc-0b22c33d44e55f66a", availabilityZone: "us-east-1a" },
    { id: "subnet-0us1cccc3333dddd4", region: US, vpcId: "vpc-0b22c33d44e55f66a", availabilityZone: "us-east-1c" },
  ],
  capacityProviders: [
    {
      arn: EU_PROVIDER,
      name: "eu-batch",
      region: EU,
      state: "Active",
      vpc: { subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"], securityGroupIds: ["sg-0restricted00002"] },
      kmsKeyArn: null,
      operatorRoleArn: roleArn("eu-batch-operator"),
      architectures: ["arm64"],
    },
    {
      arn: US_PROVIDER,
      name: "us-search",
      region: US,
      state: "Active",
      vpc: { subnetIds: ["subnet-0us1aaaa1111bbbb2"], securityGroupIds: ["sg-0restricted00003"] },
      kmsKeyArn: `arn:aws:kms:${US}:${ACCOUNT}:key/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f`,
      operatorRoleArn: roleArn("us-search-operator"),
      architectures: ["x86_64"],
    },
  ],
  // eu-west-1 is watched (Lambda data events, GuardDuty Lambda Protection, Inspector); us-east-1 only
  // by a management-events trail, GuardDuty without Lambda Protection, and no Inspector.
  detectiveCoverage: [
    {
      region: EU,
      trails: [
        {
          arn: `arn:aws:cloudtrail:${EU}:${ACCOUNT}:trail/eu-data-events`,
          name: "eu-data-events",
          homeRegion: EU,
          isMultiRegionTrail: false,
          isOrganizationTrail: false,
          isLogging: true,
          // The basic selector for every function of the account: the value `arn:aws:lambda` (no function named).
          eventSelectors: {
            basic: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] }],
            advanced: [],
          },
        },
      ],
      guardDutyDetectors: [{ id: "6ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5", status: "ENABLED", lambdaProtection: "ENABLED" }],
      inspector: { status: "ENABLED", lambda: "ENABLED", lambdaCode: "ENABLED" },
    },
    {
      region: US,
      trails: [
        {
          arn: `arn:aws:cloudtrail:${US}:${ACCOUNT}:trail/management`,
          name: "management",
          homeRegion: US,
          isMultiRegionTrail: false,
          isOrganizationTrail: false,
          isLogging: true,
          eventSelectors: { basic: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }], advanced: [] },
        },
      ],
      guardDutyDetectors: [{ id: "7bc2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", status: "ENABLED", lambdaProtection: "DISABLED" }],
      inspector: { status: "DISABLED", lambda: "DISABLED", lambdaCode: "DISABLED" },
    },
  ],
  layerVersions: [
    {
      arn: `arn:aws:lambda:${US}:${ACCOUNT}:layer:shared-fonts:3`,
      region: US,
      policy: {
        Version: "2012-10-17",
        Id: "default",
        Statement: [{ Sid: "public-fonts", Effect: "Allow", Principal: "*", Action: "lambda:GetLayerVersion", Resource: `arn:aws:lambda:${US}:${ACCOUNT}:layer:shared-fonts:3` }],
      },
    },
  ],
  gaps: [
    {
      service: "lambda",
      operation: "GetPolicy",
      region: EU,
      resourceArn: fnArn(EU, "fraud-scorer"),
      errorCode: "AccessDeniedException",
      message: "User is not authorized to perform: lambda:GetPolicy on resource fraud-scorer with an explicit deny in a service control policy",
    },
    {
      service: "iam",
      operation: "GetRole",
      region: "global",
      resourceArn: roleArn("cleanup-role-deleted"),
      errorCode: "NoSuchEntity",
      message: "The role with name cleanup-role-deleted cannot be found.",
    },
    {
      service: "iam",
      operation: "GetRole",
      region: "global",
      resourceArn: roleArn("fraud-role"),
      errorCode: "AccessDenied",
      message: "User is not authorized to perform: iam:GetRole on resource: role fraud-role",
    },
  ],
};

const validated = snapshotSchema.parse(snapshot);
export const DEMO_SNAPSHOT_PATH = join(packageRoot, "src", "demo", "demo-account.snapshot.json");
export const DEMO_SNAPSHOT_JSON = `${JSON.stringify(validated, null, 2)}\n`;
