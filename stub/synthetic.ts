import {
  snapshotSchema,
  type CapacityProvider,
  type ClassifiedValue,
  type DetectiveCoverage,
  type EventSourceMapping,
  type HttpApi,
  type LambdaFunction,
  type LayerVersion,
  type LogGroup,
  type ManagedPolicy,
  type RestApi,
  type Role,
  type SecurityGroup,
  type Snapshot,
  type Subnet,
} from "../src/snapshot/schema.js";
import type { StubAccount } from "./account.js";
import { createRandom, hashString, type Random } from "./random.js";

/**
 * Synthetic accounts of N functions over R regions, in proportions seen in real estates: execution
 * roles shared by several functions (a few by very many), AWS and customer managed policies shared by
 * roles, a minority of functions in VPCs, behind APIs, with URLs, secrets in environment variables
 * or dead-letter queues. Deterministic for a seed. The functions carry the classification of their
 * environment (what the scanner's classifier should find), so the account doubles as the snapshot the
 * scanner should produce (`syntheticSnapshot`).
 */
export interface SyntheticOptions {
  functions: number;
  regions: string[];
  seed?: number;
  accountId?: string;
  /** How unevenly functions spread over regions: region i gets weight 1 / (1 + skew * i). Default 0.3. */
  regionSkew?: number;
}

const RUNTIMES: [string | null, number][] = [
  ["nodejs22.x", 24],
  ["nodejs20.x", 20],
  ["python3.12", 18],
  ["python3.13", 8],
  ["java21", 5],
  ["nodejs18.x", 7],
  ["python3.9", 5],
  ["nodejs14.x", 3],
  ["go1.x", 2],
  ["provided.al2023", 5],
  [null, 3], // container image
];

const AWS_MANAGED = {
  basic: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  vpc: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
  sqs: "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
  s3Read: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
  dynamoFull: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
  admin: "arn:aws:iam::aws:policy/AdministratorAccess",
  xray: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
};

const AWS_MANAGED_DOCUMENTS: Record<string, { name: string; statement: Record<string, unknown>[] }> = {
  [AWS_MANAGED.basic]: {
    name: "AWSLambdaBasicExecutionRole",
    statement: [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }],
  },
  [AWS_MANAGED.vpc]: {
    name: "AWSLambdaVPCAccessExecutionRole",
    statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"],
        Resource: "*",
      },
    ],
  },
  [AWS_MANAGED.sqs]: {
    name: "AWSLambdaSQSQueueExecutionRole",
    statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: "*" }],
  },
  [AWS_MANAGED.s3Read]: {
    name: "AmazonS3ReadOnlyAccess",
    statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], Resource: "*" }],
  },
  [AWS_MANAGED.dynamoFull]: {
    name: "AmazonDynamoDBFullAccess",
    statement: [{ Effect: "Allow", Action: ["dynamodb:*", "dax:*", "application-autoscaling:*"], Resource: "*" }],
  },
  [AWS_MANAGED.admin]: { name: "AdministratorAccess", statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  [AWS_MANAGED.xray]: {
    name: "AWSXRayDaemonWriteAccess",
    statement: [{ Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" }],
  },
};

const LAMBDA_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

function weighted<T>(random: Random, entries: readonly [T, number][]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  for (const [value, weight] of entries) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

function chars(random: Random, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random.next() * alphabet.length)];
  return out;
}

const UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

interface EnvEntry {
  key: string;
  value: string;
  kinds: string[];
  reference?: boolean;
}

function environmentFor(random: Random, region: string, accountId: string, name: string): EnvEntry[] | null {
  if (!random.chance(0.7)) return null;
  const entries: EnvEntry[] = [];
  const plain: [string, () => string][] = [
    ["TABLE_NAME", () => `${name}-table`],
    ["BUCKET_NAME", () => `${name}-${chars(random, HEX, 6)}`],
    ["LOG_LEVEL", () => random.pick(["debug", "info", "warn"])],
    ["STAGE", () => random.pick(["dev", "staging", "prod"])],
    ["QUEUE_URL", () => `https://sqs.${region}.amazonaws.com/${accountId}/${name}-queue`],
    ["API_BASE_URL", () => `https://api.example.com/v${random.int(1, 3)}`],
    ["POWERTOOLS_SERVICE_NAME", () => name],
    ["DB_HOST", () => `${name}.cluster-${chars(random, HEX, 12)}.${region}.rds.amazonaws.com`],
  ];
  const count = random.int(1, 5);
  for (let i = 0; i < count; i += 1) {
    const [key, value] = plain[(i + random.int(0, plain.length - 1)) % plain.length] as [string, () => string];
    if (!entries.some((entry) => entry.key === key)) entries.push({ key, value: value(), kinds: [] });
  }
  if (random.chance(0.2)) {
    entries.push({
      key: "DB_SECRET_ARN",
      value: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}/db-${chars(random, ALNUM, 6)}`,
      kinds: [],
      reference: true,
    });
  }
  if (random.chance(0.04)) {
    entries.push({ key: "AWS_ACCESS_KEY_ID", value: `AKIA${chars(random, UPPER_B32, 16)}`, kinds: ["aws-access-key-id"] });
    entries.push({ key: "AWS_SECRET_ACCESS_KEY", value: chars(random, BASE64, 40), kinds: ["aws-secret-access-key"] });
  }
  if (random.chance(0.02)) {
    entries.push({
      key: "SIGNING_KEY",
      value: `-----BEGIN RSA PRIVATE KEY-----\n${chars(random, BASE64, 64)}\n${chars(random, BASE64, 64)}\n-----END RSA PRIVATE KEY-----`,
      kinds: ["private-key"],
    });
  }
  if (random.chance(0.03)) entries.push({ key: "GITHUB_TOKEN", value: `ghp_${chars(random, ALNUM, 36)}`, kinds: ["github-token"] });
  if (random.chance(0.03)) entries.push({ key: "DB_PASSWORD", value: chars(random, ALNUM, 20), kinds: ["password"] });
  return entries;
}

interface RegionPlan {
  region: string;
  vpcs: { id: string; subnets: Subnet[]; groups: SecurityGroup[] }[];
  ownLayers: { name: string; versions: number }[];
  codeSigningConfigs: { arn: string; mode: "Enforce" | "Warn" }[];
}

/**
 * One function in five has a `live` alias on a published version, with the function's policy and URL
 * repeated on the alias (as deployment tools do). Decided by the ARN's hash rather than the seeded
 * stream, so that adding aliases left every other drawn property of the account as it was.
 */
function aliasesOf(arn: string, statement: Record<string, unknown> | null, hasUrl: boolean, urlOpen: boolean): Pick<LambdaFunction, "aliases" | "versions"> {
  const hash = hashString(arn);
  if (hash % 5 !== 0) return { aliases: [], versions: [] };
  const version = String(1 + (hash % 9));
  const aliasArn = `${arn}:live`;
  return {
    aliases: [
      {
        name: "live",
        arn: aliasArn,
        functionVersion: version,
        additionalVersions: [],
        resourcePolicy: statement ? { Version: "2012-10-17", Id: "default", Statement: [{ ...statement, Resource: aliasArn }] } : null,
        url: hasUrl ? { authType: urlOpen ? "NONE" : "AWS_IAM", invokeMode: "BUFFERED", cors: null } : null,
      },
    ],
    versions: [{ version, arn: `${arn}:${version}`, resourcePolicy: null }],
  };
}

const OPERATOR_POLICY = "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator";

/**
 * The issue 13 surface of a function, decided by its ARN's hash (like aliasesOf) so that adding it left
 * every other drawn property of the account as it was: one function in 25 on the region's capacity
 * provider, one in 33 durable, SnapStart on half the Java functions, one package in ten with a customer
 * managed key, one function in 50 with recursive loop detection off.
 */
function surfaceOf(arn: string, runtime: string | null, providerArn: string | undefined): Pick<LambdaFunction, "capacityProviderConfig" | "durableConfig" | "snapStart" | "sourceKmsKeyArn" | "recursiveLoop"> {
  const hash = hashString(`surface:${arn}`);
  const region = arn.split(":")[3] ?? "";
  const account = arn.split(":")[4] ?? "";
  const image = runtime === null;
  return {
    capacityProviderConfig: providerArn && !image && hash % 25 === 1 ? { capacityProviderArn: providerArn, perExecutionEnvironmentMaxConcurrency: 8 } : null,
    durableConfig: hash % 33 === 2 ? { retentionPeriodInDays: hash % 2 === 0 ? 30 : 90, kmsKeyArn: hash % 3 === 0 ? `arn:aws:kms:${region}:${account}:key/durable` : null } : null,
    snapStart: runtime?.startsWith("java") && hash % 2 === 0 ? { applyOn: "PublishedVersions", optimizationStatus: "On" } : { applyOn: "None", optimizationStatus: "Off" },
    sourceKmsKeyArn: !image && hash % 10 === 3 ? `arn:aws:kms:${region}:${account}:key/code` : null,
    recursiveLoop: hash % 50 === 7 ? "Allow" : "Terminate",
  };
}

/**
 * Per region: one capacity provider on the region's first VPC (half without a customer managed key), an
 * organisation trail with management events only, and in every other region a trail that records every
 * function's invocations; a GuardDuty detector with Lambda Protection in every other region; Inspector
 * scanning Lambda dependencies everywhere and code in every third region.
 */
function regionSurface(
  regions: readonly string[],
  plans: ReadonlyMap<string, RegionPlan>,
  accountId: string,
  operatorRoleArn: string,
): { providers: CapacityProvider[]; coverage: DetectiveCoverage[] } {
  const home = regions[0] ?? "us-east-1";
  const orgTrail = {
    arn: `arn:aws:cloudtrail:${home}:${accountId}:trail/org-management`,
    name: "org-management",
    homeRegion: home,
    isMultiRegionTrail: true,
    isOrganizationTrail: true,
    isLogging: true,
    eventSelectors: { basic: [{ readWriteType: "All" as const, includeManagementEvents: true, dataResources: [] }], advanced: [] },
  };
  const providers = regions.map((region, index): CapacityProvider => {
    const vpc = plans.get(region)?.vpcs[0];
    return {
      arn: `arn:aws:lambda:${region}:${accountId}:capacity-provider:managed-${index}`,
      name: `managed-${index}`,
      region,
      state: "Active",
      vpc: { subnetIds: (vpc?.subnets ?? []).slice(0, 2).map((subnet) => subnet.id), securityGroupIds: vpc?.groups[1] ? [vpc.groups[1].id] : [] },
      kmsKeyArn: index % 2 === 0 ? `arn:aws:kms:${region}:${accountId}:key/provider` : null,
      operatorRoleArn,
      architectures: ["x86_64"],
    };
  });
  const coverage = regions.map((region, index): DetectiveCoverage => ({
    region,
    trails: [
      orgTrail,
      ...(index % 2 === 0
        ? [
            {
              arn: `arn:aws:cloudtrail:${region}:${accountId}:trail/lambda-data-${region}`,
              name: `lambda-data-${region}`,
              homeRegion: region,
              isMultiRegionTrail: false,
              isOrganizationTrail: false,
              isLogging: true,
              eventSelectors: {
                basic: [],
                advanced: [{ name: "Lambda", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::Lambda::Function"] }] }],
              },
            },
          ]
        : []),
    ],
    guardDutyDetectors: [{ id: `d${hashString(region).toString(16).padStart(8, "0")}synthetic`, status: "ENABLED", lambdaProtection: index % 2 === 0 ? "ENABLED" : "DISABLED" }],
    inspector: { status: "ENABLED", lambda: "ENABLED", lambdaCode: index % 3 === 0 ? "ENABLED" : "DISABLED" },
  }));
  return { providers, coverage };
}

export function generateSyntheticAccount(options: SyntheticOptions): StubAccount {
  const random = createRandom(options.seed ?? 1);
  const accountId = options.accountId ?? "210987654321";
  const n = options.functions;
  const skew = options.regionSkew ?? 0.3;
  const regionWeights = options.regions.map((region, i) => [region, 1 / (1 + skew * i)] as [string, number]);

  // Roles: about one per eight functions; assignment is skewed so a few are shared by many.
  const roleCount = Math.max(3, Math.round(n / 8));
  const customerPolicyCount = Math.max(2, Math.round(roleCount / 3));
  const managedPolicies: ManagedPolicy[] = Object.entries(AWS_MANAGED_DOCUMENTS).map(([arn, policy]) => ({
    arn,
    name: policy.name,
    awsManaged: true,
    defaultVersionId: `v${random.int(1, 9)}`,
    document: { Version: "2012-10-17", Statement: policy.statement },
  }));
  for (let i = 0; i < customerPolicyCount; i += 1) {
    const broad = random.chance(0.1);
    managedPolicies.push({
      arn: `arn:aws:iam::${accountId}:policy/app-policy-${i.toString().padStart(4, "0")}`,
      name: `app-policy-${i.toString().padStart(4, "0")}`,
      awsManaged: false,
      defaultVersionId: `v${random.int(1, 5)}`,
      document: {
        Version: "2012-10-17",
        Statement: broad
          ? [{ Effect: "Allow", Action: ["s3:*", "dynamodb:*"], Resource: "*" }]
          : [
              {
                Effect: "Allow",
                Action: random.pick([["dynamodb:GetItem", "dynamodb:PutItem"], ["s3:GetObject"], ["sqs:SendMessage"], ["sns:Publish"]]),
                Resource: `arn:aws:dynamodb:*:${accountId}:table/app-${i}`,
              },
            ],
      },
    });
  }
  const customerPolicyArns = managedPolicies.filter((policy) => !policy.awsManaged).map((policy) => policy.arn);
  const boundaryArn = customerPolicyArns[0] as string;

  const roles: Role[] = [];
  for (let i = 0; i < roleCount; i += 1) {
    const name = `svc-role-${i.toString().padStart(5, "0")}`;
    const servicePath = random.chance(0.1);
    const attached = new Set<string>([random.chance(0.2) ? AWS_MANAGED.vpc : AWS_MANAGED.basic]);
    const extra = random.int(0, 2);
    for (let j = 0; j < extra; j += 1) {
      attached.add(
        random.chance(0.3)
          ? random.pick([AWS_MANAGED.s3Read, AWS_MANAGED.dynamoFull, AWS_MANAGED.sqs, AWS_MANAGED.xray])
          : (customerPolicyArns[random.skewedIndex(customerPolicyArns.length, 1.5)] as string),
      );
    }
    if (random.chance(0.03)) attached.add(AWS_MANAGED.admin);
    const inlineCount = random.chance(0.4) ? (random.chance(0.25) ? 2 : 1) : 0;
    roles.push({
      arn: `arn:aws:iam::${accountId}:role/${servicePath ? "service-role/" : ""}${name}`,
      name,
      path: servicePath ? "/service-role/" : "/",
      createDate: `202${random.int(0, 5)}-0${random.int(1, 9)}-1${random.int(0, 9)}T00:00:00Z`,
      trustPolicy: LAMBDA_TRUST,
      attachedPolicyArns: [...attached],
      inlinePolicies: Array.from({ length: inlineCount }, (_, j) => ({
        name: `inline-${j}`,
        document: {
          Version: "2012-10-17",
          Statement: random.chance(0.05)
            ? { Effect: "Allow", Action: "*", Resource: "*" }
            : [{ Effect: "Allow", Action: ["ssm:GetParameter", "kms:Decrypt"], Resource: "*" }],
        },
      })),
      permissionsBoundaryArn: random.chance(0.15) ? boundaryArn : null,
      lastUsed: random.chance(0.85) ? { date: "2026-10-2" + random.int(0, 9) + "T00:00:00Z", region: options.regions[0] } : null,
      tags: random.chance(0.5) ? { team: `team-${random.int(1, 12)}` } : {},
    });
  }

  // Per-region infrastructure.
  const perRegionCounts = new Map<string, number>();
  const regionOf: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const region = weighted(random, regionWeights);
    regionOf.push(region);
    perRegionCounts.set(region, (perRegionCounts.get(region) ?? 0) + 1);
  }
  const plans = new Map<string, RegionPlan>();
  const subnets: Subnet[] = [];
  const securityGroups: SecurityGroup[] = [];
  const layerVersions: LayerVersion[] = [];
  for (const region of options.regions) {
    const count = perRegionCounts.get(region) ?? 0;
    const vpcs = Array.from({ length: 1 + Math.floor(count / 250) }, (_, v) => {
      const id = `vpc-${chars(random, HEX, 8)}${v}`;
      const vpcSubnets = ["a", "b", "c"].map((az) => ({
        id: `subnet-${chars(random, HEX, 12)}`,
        region,
        vpcId: id,
        availabilityZone: `${region}${az}`,
      }));
      const groups: SecurityGroup[] = Array.from({ length: 3 }, (_, g) => ({
        id: `sg-${chars(random, HEX, 12)}`,
        region,
        vpcId: id,
        name: `lambda-sg-${v}-${g}`,
        egress:
          g === 0
            ? [{ protocol: "-1", fromPort: null, toPort: null, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: [] }]
            : [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["10.0.0.0/8"], ipv6Ranges: [] }],
      }));
      subnets.push(...vpcSubnets);
      securityGroups.push(...groups);
      return { id, subnets: vpcSubnets, groups };
    });
    const ownLayers = Array.from({ length: 5 }, (_, l) => ({ name: `shared-lib-${l}`, versions: random.int(1, 3) }));
    for (const layer of ownLayers) {
      for (let version = 1; version <= layer.versions; version += 1) {
        const arn = `arn:aws:lambda:${region}:${accountId}:layer:${layer.name}:${version}`;
        const share = random.next();
        layerVersions.push({
          arn,
          region,
          policy:
            share < 0.8
              ? null
              : {
                  Version: "2012-10-17",
                  Id: "default",
                  Statement: [
                    {
                      Sid: "share",
                      Effect: "Allow",
                      Principal: share < 0.95 ? { AWS: "arn:aws:iam::123456789012:root" } : "*",
                      Action: "lambda:GetLayerVersion",
                      Resource: arn,
                    },
                  ],
                },
        });
      }
    }
    plans.set(region, {
      region,
      vpcs,
      ownLayers,
      codeSigningConfigs: [
        { arn: `arn:aws:lambda:${region}:${accountId}:code-signing-config:csc-${chars(random, HEX, 17)}`, mode: "Enforce" },
        { arn: `arn:aws:lambda:${region}:${accountId}:code-signing-config:csc-${chars(random, HEX, 17)}`, mode: "Warn" },
      ],
    });
  }

  const functions: LambdaFunction[] = [];
  const environmentValues: Record<string, Record<string, string>> = {};
  const logGroups: LogGroup[] = [];
  const eventSourceMappings: EventSourceMapping[] = [];
  for (let i = 0; i < n; i += 1) {
    const region = regionOf[i] as string;
    const plan = plans.get(region) as RegionPlan;
    const name = `fn-${region.replace(/-/g, "")}-${i.toString().padStart(5, "0")}`;
    const arn = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
    const runtime = weighted(random, RUNTIMES);
    const image = runtime === null;
    const role = roles[random.skewedIndex(roles.length, 1.5)] as Role;
    const env = environmentFor(random, region, accountId, name);
    if (env) environmentValues[arn] = Object.fromEntries(env.map((entry) => [entry.key, entry.value]));
    const inVpc = random.chance(0.2);
    const vpc = inVpc ? random.pick(plan.vpcs) : null;
    const layers: LambdaFunction["layers"] = [];
    if (!image && random.chance(0.3)) {
      const own = random.pick(plan.ownLayers);
      layers.push({ arn: `arn:aws:lambda:${region}:${accountId}:layer:${own.name}:${random.int(1, own.versions)}`, codeSize: 100_000 });
      if (random.chance(0.3)) {
        layers.push({ arn: `arn:aws:lambda:${region}:580247275435:layer:LambdaInsightsExtension:${random.int(30, 55)}`, codeSize: 5_000_000 });
      }
    }
    const csc = random.chance(0.05) ? random.pick(plan.codeSigningConfigs) : null;
    const hasUrl = random.chance(0.04);
    const urlOpen = hasUrl && random.chance(0.5);
    const policyKind = weighted<"none" | "apigw" | "s3" | "public" | "url">(random, [
      ["none", 60],
      ["apigw", 25],
      ["s3", 12],
      ["public", 2],
      ["url", 1],
    ]);
    const statement =
      urlOpen || policyKind === "url"
        ? { Sid: "FunctionURLAllowPublicAccess", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: arn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }
        : policyKind === "apigw"
          ? { Sid: "apigw", Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: arn, Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${region}:${accountId}:*/*` } } }
          : policyKind === "s3"
            ? { Sid: "s3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: arn, Condition: { StringEquals: { "AWS:SourceAccount": accountId } } }
            : policyKind === "public"
              ? { Sid: "public", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: arn }
              : null;
    const logFormatJson = random.chance(0.3);
    const customLogGroup = random.chance(0.05);
    const logGroupName = customLogGroup ? `/custom/${name}` : `/aws/lambda/${name}`;
    const dlq = random.chance(0.15) ? `arn:aws:sqs:${region}:${accountId}:${name}-dlq` : null;
    const updateRuntimeOn = weighted<"Auto" | "FunctionUpdate" | "Manual">(random, [["Auto", 90], ["FunctionUpdate", 7], ["Manual", 3]]);
    functions.push({
      arn,
      name,
      region,
      runtime,
      packageType: image ? "Image" : "Zip",
      architectures: [random.chance(0.35) ? "arm64" : "x86_64"],
      handler: image ? null : "index.handler",
      role: role.arn,
      memorySize: random.pick([128, 256, 512, 1024, 2048]),
      timeout: random.pick([3, 10, 30, 60, 300, 900]),
      lastModified: `2026-0${random.int(1, 9)}-1${random.int(0, 9)}T12:00:00.000+0000`,
      description: "",
      imageUri: image ? `${accountId}.dkr.ecr.${region}.amazonaws.com/${name}:latest` : null,
      state: "Active",
      environment: env
        ? env.map((entry): ClassifiedValue => ({
            key: entry.key,
            valueLength: entry.value.length,
            secretKinds: entry.kinds,
            ...(entry.reference ? { isReference: true } : {}),
          }))
        : null,
      kmsKeyArn: random.chance(0.15) ? `arn:aws:kms:${region}:${accountId}:key/${chars(random, HEX, 8)}-0000-4000-8000-${chars(random, HEX, 12)}` : null,
      tracingMode: random.chance(0.35) ? "Active" : "PassThrough",
      vpc: vpc
        ? {
            vpcId: vpc.id,
            subnetIds: vpc.subnets.slice(0, 2).map((subnet) => subnet.id),
            securityGroupIds: [random.pick(vpc.groups).id],
          }
        : null,
      deadLetterTargetArn: dlq,
      layers,
      codeSigningConfig: csc ? { arn: csc.arn, untrustedArtifactOnDeployment: csc.mode, allowedPublisherArns: [`arn:aws:signer:${region}:${accountId}:/signing-profiles/release/abc`] } : null,
      reservedConcurrency: random.chance(0.2) ? random.pick([0, 5, 10, 50, 100]) : null,
      runtimeManagement: image ? null : { updateRuntimeOn, runtimeVersionArn: updateRuntimeOn === "Manual" ? `arn:aws:lambda:${region}::runtime:${chars(random, HEX, 32)}` : null },
      loggingConfig: { logGroup: logGroupName, logFormat: logFormatJson ? "JSON" : "Text" },
      url: hasUrl ? { authType: urlOpen ? "NONE" : "AWS_IAM", invokeMode: "BUFFERED", cors: urlOpen ? { allowOrigins: ["*"] } : null } : null,
      resourcePolicy: statement ? { Version: "2012-10-17", Id: "default", Statement: [statement] } : null,
      eventInvokeConfig: random.chance(0.1)
        ? { maximumRetryAttempts: random.int(0, 2), maximumEventAgeInSeconds: 3600, onSuccessDestination: null, onFailureDestination: random.chance(0.7) ? `arn:aws:sqs:${region}:${accountId}:${name}-failures` : null }
        : null,
      tags: random.chance(0.8) ? Object.fromEntries(Array.from({ length: random.int(1, 4) }, (_, t) => [`tag${t}`, `value-${random.int(1, 20)}`])) : {},
      ...aliasesOf(arn, statement, hasUrl, urlOpen),
      ...surfaceOf(arn, runtime, `arn:aws:lambda:${region}:${accountId}:capacity-provider:managed-${options.regions.indexOf(region)}`),
    });
    if (random.chance(0.9)) {
      logGroups.push({
        name: logGroupName,
        region,
        retentionInDays: random.chance(0.6) ? random.pick([7, 14, 30, 90, 365]) : null,
        kmsKeyId: random.chance(0.1) ? `arn:aws:kms:${region}:${accountId}:key/${chars(random, HEX, 8)}` : null,
      });
    }
    if (random.chance(0.15)) {
      eventSourceMappings.push({
        uuid: `${chars(random, HEX, 8)}-${chars(random, HEX, 4)}-4${chars(random, HEX, 3)}-8${chars(random, HEX, 3)}-${chars(random, HEX, 12)}`,
        region,
        functionArn: arn,
        eventSourceArn: `arn:aws:sqs:${region}:${accountId}:${name}-queue`,
        state: "Enabled",
        batchSize: 10,
        maximumRetryAttempts: null,
        bisectBatchOnFunctionError: null,
        onFailureDestination: null,
        hasFilterCriteria: false,
        kmsKeyArn: null,
      });
    }
  }
  // Log groups of things that are not functions: the scan must not read them all.
  const unrelated = Math.round(n / 10);
  for (let i = 0; i < unrelated; i += 1) {
    logGroups.push({ name: `/ecs/service-${i}`, region: random.pick(options.regions), retentionInDays: null, kmsKeyId: null });
  }

  // APIs: REST about one per 40 functions of a region, HTTP one per 50.
  const restApis: RestApi[] = [];
  const httpApis: HttpApi[] = [];
  for (const region of options.regions) {
    const regional = functions.filter((fn) => fn.region === region);
    if (regional.length === 0) continue;
    for (let a = 0; a < Math.ceil(regional.length / 40); a += 1) {
      const id = chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 10);
      const resourceCount = random.int(2, 8);
      const authorizerFn = random.pick(regional);
      const resources: NonNullable<RestApi["resources"]> = [{ id: chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 10), path: "/", methods: [] }];
      for (let r = 0; r < resourceCount; r += 1) {
        const target = random.pick(regional);
        const authorizationType = weighted(random, [["NONE", 35], ["AWS_IAM", 25], ["CUSTOM", 25], ["COGNITO_USER_POOLS", 15]] as [string, number][]);
        resources.push({
          id: chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 10),
          path: `/res${r}`,
          methods: [
            {
              httpMethod: random.pick(["GET", "POST", "ANY"]),
              authorizationType,
              authorizerId: authorizationType === "CUSTOM" ? "auth01" : authorizationType === "COGNITO_USER_POOLS" ? "auth02" : null,
              apiKeyRequired: random.chance(0.2),
              integration: {
                type: "AWS_PROXY",
                uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${target.arn}/invocations`,
                functionArn: target.arn,
                functionQualifier: null,
              },
            },
          ],
        });
      }
      restApis.push({
        id,
        arn: `arn:aws:apigateway:${region}::/restapis/${id}`,
        name: `rest-api-${a}`,
        region,
        endpointTypes: [random.chance(0.8) ? "REGIONAL" : "EDGE"],
        disableExecuteApiEndpoint: false,
        apiKeySource: "HEADER",
        policy: random.chance(0.2) ? { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] } : null,
        resources,
        authorizers: [
          { id: "auth01", name: "lambda-authorizer", type: "TOKEN", functionArn: authorizerFn.arn },
          { id: "auth02", name: "cognito", type: "COGNITO_USER_POOLS", functionArn: null },
        ],
        stages: Array.from({ length: random.int(1, 2) }, (_, s) => ({
          name: s === 0 ? "prod" : "dev",
          deploymentId: chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 6),
          accessLogDestinationArn: random.chance(0.5) ? `arn:aws:logs:${region}:${accountId}:log-group:/apigw/${id}` : null,
          tracingEnabled: random.chance(0.4),
          webAclArn: random.chance(0.3) ? `arn:aws:wafv2:${region}:${accountId}:regional/webacl/api/${chars(random, HEX, 8)}` : null,
          clientCertificateId: null,
          cacheClusterEnabled: false,
          methodSettings: { "*/*": { loggingLevel: random.pick(["OFF", "ERROR", "INFO"]), dataTraceEnabled: random.chance(0.1), metricsEnabled: random.chance(0.5) } },
        })),
      });
    }
    for (let a = 0; a < Math.ceil(regional.length / 50); a += 1) {
      const id = chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 10);
      const routeCount = random.int(2, 6);
      const integrations = Array.from({ length: routeCount }, (_, r) => {
        const target = random.pick(regional);
        return { id: `int${r}${chars(random, HEX, 4)}`, type: "AWS_PROXY", uri: target.arn, functionArn: target.arn, functionQualifier: null };
      });
      httpApis.push({
        id,
        arn: `arn:aws:apigateway:${region}::/apis/${id}`,
        name: `http-api-${a}`,
        region,
        protocolType: "HTTP",
        apiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com`,
        disableExecuteApiEndpoint: false,
        cors: random.chance(0.3) ? { allowOrigins: ["*"], allowCredentials: false } : null,
        routes: integrations.map((integration, r) => {
          const authorizationType = weighted(random, [["NONE", 40], ["JWT", 30], ["AWS_IAM", 15], ["CUSTOM", 15]] as [string, number][]);
          return {
            id: `route${r}${chars(random, HEX, 4)}`,
            routeKey: `${random.pick(["GET", "POST", "ANY"])} /path${r}`,
            authorizationType,
            authorizerId: authorizationType === "JWT" ? "jwt01" : authorizationType === "CUSTOM" ? "lam01" : null,
            apiKeyRequired: false,
            target: `integrations/${integration.id}`,
          };
        }),
        integrations,
        authorizers: [
          { id: "jwt01", name: "jwt", type: "JWT", functionArn: null },
          { id: "lam01", name: "lambda", type: "REQUEST", functionArn: random.pick(regional).arn },
        ],
        stages: [
          {
            name: "$default",
            accessLogDestinationArn: random.chance(0.5) ? `arn:aws:logs:${region}:${accountId}:log-group:/apigw/${id}` : null,
            autoDeploy: true,
            defaultRouteThrottling: random.chance(0.5) ? { burstLimit: 100, rateLimit: 50 } : null,
            detailedMetricsEnabled: random.chance(0.3),
          },
        ],
      });
    }
  }

  // Added after everything drawn from the seeded stream, so that the rest of the account is unchanged.
  const operatorRole: Role = {
    arn: `arn:aws:iam::${accountId}:role/lambda-capacity-operator`,
    name: "lambda-capacity-operator",
    path: "/",
    createDate: "2026-01-05T00:00:00Z",
    trustPolicy: LAMBDA_TRUST,
    attachedPolicyArns: [OPERATOR_POLICY],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    lastUsed: null,
    tags: {},
  };
  roles.push(operatorRole);
  managedPolicies.push({
    arn: OPERATOR_POLICY,
    name: "AWSLambdaManagedEC2ResourceOperator",
    awsManaged: true,
    defaultVersionId: "v1",
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"], Resource: "*" }] },
  });
  const surface = regionSurface(options.regions, plans, accountId, operatorRole.arn);
  return {
    accountId,
    partition: "aws",
    regions: [...options.regions],
    functions,
    capacityProviders: surface.providers,
    detectiveCoverage: surface.coverage,
    environmentValues,
    roles,
    managedPolicies,
    eventSourceMappings,
    restApis,
    httpApis,
    logGroups,
    securityGroups,
    subnets,
    layerVersions,
  };
}

/**
 * The snapshot a perfect scan of a synthetic account would produce (used as the input of the
 * `check` benchmark). Only what the scanner would keep: environment values are dropped, layer
 * versions are those of the account that some function uses, log groups those of functions.
 */
export function syntheticSnapshot(account: StubAccount, collectedAt: string): Snapshot {
  const usedLayers = new Set(account.functions.flatMap((fn) => (fn.layers ?? []).map((layer) => layer.arn)));
  const functionLogGroups = new Set(account.functions.map((fn) => `${fn.region}/${fn.loggingConfig?.logGroup ?? `/aws/lambda/${fn.name}`}`));
  const usedGroups = new Set(account.functions.flatMap((fn) => fn.vpc?.securityGroupIds ?? []));
  const usedSubnets = new Set(account.functions.flatMap((fn) => fn.vpc?.subnetIds ?? []));
  return snapshotSchema.parse({
    schemaVersion: 1,
    tool: { name: "lambda-posture", version: "synthetic" },
    collectedAt,
    partition: account.partition,
    accountId: account.accountId,
    regions: account.regions,
    functions: account.functions,
    roles: account.roles,
    managedPolicies: account.managedPolicies,
    eventSourceMappings: account.eventSourceMappings,
    restApis: account.restApis,
    httpApis: account.httpApis,
    logGroups: account.logGroups.filter((group) => functionLogGroups.has(`${group.region}/${group.name}`)),
    securityGroups: account.securityGroups.filter((group) => usedGroups.has(group.id)),
    subnets: account.subnets.filter((subnet) => usedSubnets.has(subnet.id)),
    layerVersions: account.layerVersions.filter((layer) => usedLayers.has(layer.arn)),
    capacityProviders: account.capacityProviders ?? [],
    detectiveCoverage: account.detectiveCoverage ?? [],
    gaps: [],
  });
}
