import { z } from "zod";

/**
 * The snapshot contract (DESIGN section 3). Every field follows one convention:
 *   absent (undefined) = not read, or could not be read; a gap in `gaps[]` says why;
 *   null               = read, and there is none (a function without a URL);
 *   a value            = read, and judged by the checks.
 * Collectors never fill in `{}` or `[]` for data they failed to read, so every
 * readable-but-maybe-missing field here is `.nullable().optional()` or `.optional()`.
 */
/**
 * 2: top-level region lists optional (absent when not read anywhere), the account's organisation,
 * function URL creation times, aliases and the versions they point to. Version 1 snapshots are still
 * read: every field added since is optional, and reads a version 1 collection never made are unknown.
 */
/**
 * 3: the Lambda surface of 2025–2026 (capacity providers and each function's provider, durable
 * configuration, SnapStart, the code package's KMS key, recursive loop detection), the account's
 * detective coverage per region (CloudTrail, GuardDuty, Inspector), `notes[]`, and a logging
 * configuration marked when Lambda's defaults were assumed. Every field added is optional: reads a
 * version 2 collection never made are unknown.
 */
export const SNAPSHOT_SCHEMA_VERSION = 3;
export const READABLE_SNAPSHOT_VERSIONS = [1, 2, 3] as const;

const arn = z.string().min(1);
const region = z.string().min(1);
const isoDateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: "expected an ISO 8601 date-time",
});

/**
 * Policy documents are stored as AWS returned them (after URL-decoding and JSON parsing), not
 * normalised: nothing read from AWS is trusted, and src/policy is the one place that interprets them.
 */
export const policyDocumentSchema = z.record(z.string(), z.unknown());
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/**
 * Why a kind of secret was inferred from a value's shape rather than recognised by its format: the
 * rule, how sure it is, and the measurements that decided it (length, entropy, character classes),
 * never the value. See docs/secrets.md.
 */
export const secretEvidenceSchema = z.object({
  /** The kind in `secretKinds` that this explains, e.g. `possible-secret`. */
  kind: z.string(),
  /** Stable id of the rule: `aws-secret-access-key-shape` or `high-entropy`. */
  rule: z.string(),
  /** `medium`: a credential's exact shape without its vendor's marker; `low`: the value only looks random. */
  confidence: z.enum(["medium", "low"]),
  reason: z.string(),
});
export type SecretEvidence = z.infer<typeof secretEvidenceSchema>;

/** What a collector learned of a secret-looking value, never the value itself nor a hash of it. */
export const classifiedValueSchema = z.object({
  key: z.string(),
  valueLength: z.number().int().nonnegative(),
  /** Kinds of credential recognised in the value, e.g. `aws-secret-access-key`, `private-key`. */
  secretKinds: z.array(z.string()),
  /** The value points at a secret store (Secrets Manager ARN, SSM parameter, KMS key) rather than holding one. */
  isReference: z.boolean().optional(),
  /** Present only when a kind was inferred from the value's shape; absent for recognised formats and in older snapshots. */
  evidence: z.array(secretEvidenceSchema).optional(),
});
export type ClassifiedValue = z.infer<typeof classifiedValueSchema>;

export const gapSchema = z.object({
  /** IAM-style service prefix: lambda, iam, apigateway, logs, ec2, sts. */
  service: z.string().min(1),
  /** API operation name as AWS spells it, e.g. GetPolicy. */
  operation: z.string().min(1),
  /** Region, or `global` for IAM and other global services. */
  region: z.string().min(1),
  /** The resource the call was about, when known; absent means the gap covers the whole region. */
  resourceArn: z.string().optional(),
  errorCode: z.string().min(1),
  message: z.string(),
  /** A paginated list that failed after some pages: what was read before the failure is kept. */
  partial: z.boolean().optional(),
});
export type Gap = z.infer<typeof gapSchema>;

/**
 * Something the collection did that a reader should know, which is not a failure: a slower path taken
 * because a listing is not available at this endpoint (an emulator, an older partition). Unlike a gap,
 * a note makes no result unknown: the data it is about was read another way.
 */
export const noteSchema = z.object({
  service: z.string().min(1),
  operation: z.string().min(1),
  region: z.string().min(1),
  message: z.string(),
});
export type Note = z.infer<typeof noteSchema>;

const vpcConfigSchema = z.object({
  vpcId: z.string(),
  subnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  ipv6AllowedForDualStack: z.boolean().optional(),
});

const layerRefSchema = z.object({
  /** Layer version ARN: arn:aws:lambda:region:account:layer:name:version */
  arn: arn,
  codeSize: z.number().int().nonnegative().optional(),
  signingProfileVersionArn: z.string().nullable().optional(),
});

const codeSigningConfigSchema = z.object({
  arn: arn,
  /** Enforce blocks unsigned or untrusted code; Warn only logs it. */
  untrustedArtifactOnDeployment: z.enum(["Enforce", "Warn"]).optional(),
  allowedPublisherArns: z.array(z.string()).optional(),
});

const functionUrlSchema = z.object({
  authType: z.enum(["NONE", "AWS_IAM"]),
  url: z.string().optional(),
  invokeMode: z.string().optional(),
  /** When the URL was created (ISO): which function URL permission rule applies (src/data/function-url-auth.ts). */
  creationTime: isoDateTime.optional(),
  cors: z
    .object({
      allowOrigins: z.array(z.string()).optional(),
      allowMethods: z.array(z.string()).optional(),
      allowHeaders: z.array(z.string()).optional(),
      exposeHeaders: z.array(z.string()).optional(),
      allowCredentials: z.boolean().optional(),
      maxAge: z.number().optional(),
    })
    .nullable(),
});

const eventInvokeConfigSchema = z.object({
  maximumRetryAttempts: z.number().int().nullable().optional(),
  maximumEventAgeInSeconds: z.number().int().nullable().optional(),
  onSuccessDestination: z.string().nullable(),
  onFailureDestination: z.string().nullable(),
});

export const lambdaFunctionSchema = z.object({
  arn: arn,
  name: z.string().min(1),
  region: region,
  /** null for container-image functions, which have no managed runtime. */
  runtime: z.string().nullable().optional(),
  packageType: z.enum(["Zip", "Image"]),
  architectures: z.array(z.string()).optional(),
  handler: z.string().nullable().optional(),
  /** Execution role ARN. */
  role: z.string().optional(),
  memorySize: z.number().int().positive().optional(),
  timeout: z.number().int().positive().optional(),
  lastModified: isoDateTime.optional(),
  description: z.string().optional(),
  /** null: a zip function (GetFunction names no image). */
  imageUri: z.string().nullable().optional(),
  /** null: Lambda reports no state (functions from before states existed). */
  state: z.string().nullable().optional(),
  /** null: the function has no environment variables. */
  environment: z.array(classifiedValueSchema).nullable().optional(),
  /** null: environment encrypted with the AWS managed key (no customer managed key set). */
  kmsKeyArn: z.string().nullable().optional(),
  tracingMode: z.enum(["Active", "PassThrough"]).optional(),
  vpc: vpcConfigSchema.nullable().optional(),
  deadLetterTargetArn: z.string().nullable().optional(),
  layers: z.array(layerRefSchema).optional(),
  codeSigningConfig: codeSigningConfigSchema.nullable().optional(),
  /** null: no reserved concurrency configured. */
  reservedConcurrency: z.number().int().nonnegative().nullable().optional(),
  runtimeManagement: z
    .object({
      updateRuntimeOn: z.enum(["Auto", "FunctionUpdate", "Manual"]),
      runtimeVersionArn: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  loggingConfig: z
    .object({
      logGroup: z.string().optional(),
      logFormat: z.enum(["Text", "JSON"]).optional(),
      applicationLogLevel: z.string().optional(),
      systemLogLevel: z.string().optional(),
      /**
       * true: the answer had no LoggingConfig (emulators, older partitions) and AWS's defaults were
       * stored: `/aws/lambda/<name>`, Text. Checks say so in their evidence.
       */
      defaultsAssumed: z.boolean().optional(),
    })
    .optional(),
  /**
   * Lambda Managed Instances: the capacity provider the function runs on (ListFunctions'
   * CapacityProviderConfig). null: an ordinary (Firecracker) function; absent: not read.
   */
  capacityProviderConfig: z
    .object({
      capacityProviderArn: z.string().min(1),
      perExecutionEnvironmentMaxConcurrency: z.number().int().positive().optional(),
      executionEnvironmentMemoryGiBPerVCpu: z.number().positive().optional(),
    })
    .nullable()
    .optional(),
  /**
   * Durable functions (ListFunctions' DurableConfig). null: not a durable function. `kmsKeyArn` null:
   * execution data encrypted with an AWS owned key only.
   */
  durableConfig: z
    .object({
      executionTimeout: z.number().int().positive().optional(),
      retentionPeriodInDays: z.number().int().positive().optional(),
      kmsKeyArn: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** SnapStart (ListFunctions' SnapStart). null: the answer reported none. */
  snapStart: z
    .object({
      applyOn: z.enum(["PublishedVersions", "None"]),
      optimizationStatus: z.enum(["On", "Off"]).optional(),
    })
    .nullable()
    .optional(),
  /**
   * The customer managed key of the .zip deployment package (GetFunction's Code.SourceKMSKeyArn).
   * null: encrypted with an AWS owned key (or a container image, which has none); absent: not read.
   */
  sourceKmsKeyArn: z.string().nullable().optional(),
  /** GetFunctionRecursionConfig: Terminate (Lambda's default) stops recursive loops; Allow lets them run. */
  recursiveLoop: z.enum(["Allow", "Terminate"]).optional(),
  url: functionUrlSchema.nullable().optional(),
  /**
   * The function's aliases (ListAliases): absent when not read. Each alias has its own resource
   * policy (GetPolicy with the alias as Qualifier: absent not read, null none) and function URL
   * (ListFunctionUrlConfigs: absent not read, null none).
   */
  aliases: z
    .array(
      z.object({
        name: z.string().min(1),
        arn: z.string(),
        functionVersion: z.string(),
        /** Versions the alias also routes a share of invocations to (weighted alias). */
        additionalVersions: z.array(z.string()),
        resourcePolicy: policyDocumentSchema.nullable().optional(),
        url: functionUrlSchema.nullable().optional(),
      }),
    )
    .optional(),
  /** The published versions the aliases point to, each with its own resource policy (absent not read, null none). */
  versions: z
    .array(z.object({ version: z.string().regex(/^\d+$/), arn: z.string(), resourcePolicy: policyDocumentSchema.nullable().optional() }))
    .optional(),
  /** null: the function has no resource-based policy (GetPolicy answered ResourceNotFound). */
  resourcePolicy: policyDocumentSchema.nullable().optional(),
  eventInvokeConfig: eventInvokeConfigSchema.nullable().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type LambdaFunction = z.infer<typeof lambdaFunctionSchema>;

export const managedPolicySchema = z.object({
  arn: arn,
  name: z.string(),
  /** AWS managed (arn:aws:iam::aws:policy/...) or customer managed. */
  awsManaged: z.boolean(),
  defaultVersionId: z.string().optional(),
  /** The default version's document; other versions are never in effect and are not read. */
  document: policyDocumentSchema.optional(),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export const roleSchema = z.object({
  arn: arn,
  name: z.string(),
  path: z.string().optional(),
  createDate: isoDateTime.optional(),
  trustPolicy: policyDocumentSchema.optional(),
  /** ARNs into `managedPolicies[]`: each managed policy is stored once. */
  attachedPolicyArns: z.array(z.string()).optional(),
  inlinePolicies: z.array(z.object({ name: z.string(), document: policyDocumentSchema.optional() })).optional(),
  /** null: no permissions boundary. */
  permissionsBoundaryArn: z.string().nullable().optional(),
  /** null: IAM has no record of the role being used. */
  lastUsed: z.object({ date: isoDateTime, region: z.string().optional() }).nullable().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type Role = z.infer<typeof roleSchema>;

export const eventSourceMappingSchema = z.object({
  uuid: z.string(),
  region: region,
  functionArn: arn,
  eventSourceArn: z.string().nullable().optional(),
  state: z.string().optional(),
  batchSize: z.number().int().optional(),
  maximumRetryAttempts: z.number().int().nullable().optional(),
  bisectBatchOnFunctionError: z.boolean().nullable().optional(),
  onFailureDestination: z.string().nullable().optional(),
  hasFilterCriteria: z.boolean().optional(),
  kmsKeyArn: z.string().nullable().optional(),
});
export type EventSourceMapping = z.infer<typeof eventSourceMappingSchema>;

const restIntegrationSchema = z.object({
  type: z.string(),
  uri: z.string().nullable().optional(),
  /** The Lambda function (alias or version qualifier stripped) the integration invokes, if any. */
  functionArn: z.string().nullable(),
  /** The qualifier (alias or version) on the invoked function, when the URI names one. */
  functionQualifier: z.string().nullable().optional(),
});

const restMethodSchema = z.object({
  httpMethod: z.string(),
  authorizationType: z.string(),
  authorizerId: z.string().nullable().optional(),
  apiKeyRequired: z.boolean(),
  integration: restIntegrationSchema.nullable().optional(),
});

const restStageSchema = z.object({
  name: z.string(),
  arn: z.string().optional(),
  deploymentId: z.string().optional(),
  /** null: no access log destination. */
  accessLogDestinationArn: z.string().nullable(),
  tracingEnabled: z.boolean(),
  /** null: no WAF web ACL associated. */
  webAclArn: z.string().nullable(),
  clientCertificateId: z.string().nullable(),
  cacheClusterEnabled: z.boolean(),
  /** Settings of the `*\/*` (all methods) path; per-method overrides live in methodSettings. */
  methodSettings: z.record(
    z.string(),
    z.object({
      loggingLevel: z.string().optional(),
      dataTraceEnabled: z.boolean().optional(),
      metricsEnabled: z.boolean().optional(),
      throttlingBurstLimit: z.number().optional(),
      throttlingRateLimit: z.number().optional(),
      cachingEnabled: z.boolean().optional(),
      cacheDataEncrypted: z.boolean().optional(),
    }),
  ),
  /** []: the stage has no stage variables (GetStages answered without any). */
  variables: z.array(classifiedValueSchema).optional(),
});

export const restApiSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  region: region,
  endpointTypes: z.array(z.string()).optional(),
  disableExecuteApiEndpoint: z.boolean().optional(),
  apiKeySource: z.string().optional(),
  /** null: the API has no resource policy. */
  policy: policyDocumentSchema.nullable().optional(),
  resources: z
    .array(z.object({ id: z.string(), path: z.string(), methods: z.array(restMethodSchema) }))
    .optional(),
  authorizers: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.string(),
        functionArn: z.string().nullable().optional(),
      }),
    )
    .optional(),
  stages: z.array(restStageSchema).optional(),
});
export type RestApi = z.infer<typeof restApiSchema>;
export type RestStage = z.infer<typeof restStageSchema>;

const httpStageSchema = z.object({
  name: z.string(),
  arn: z.string().optional(),
  accessLogDestinationArn: z.string().nullable(),
  autoDeploy: z.boolean().optional(),
  defaultRouteThrottling: z
    .object({ burstLimit: z.number().optional(), rateLimit: z.number().optional() })
    .nullable()
    .optional(),
  detailedMetricsEnabled: z.boolean().optional(),
  /** []: the stage has no stage variables (GetStages answered without any). */
  variables: z.array(classifiedValueSchema).optional(),
});

export const httpApiSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  region: region,
  protocolType: z.enum(["HTTP", "WEBSOCKET"]),
  apiEndpoint: z.string().optional(),
  disableExecuteApiEndpoint: z.boolean().optional(),
  cors: z
    .object({
      allowOrigins: z.array(z.string()).optional(),
      allowCredentials: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  routes: z
    .array(
      z.object({
        id: z.string(),
        routeKey: z.string(),
        authorizationType: z.string(),
        authorizerId: z.string().nullable().optional(),
        apiKeyRequired: z.boolean().optional(),
        /** integrations/<id> */
        target: z.string().nullable().optional(),
      }),
    )
    .optional(),
  integrations: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        uri: z.string().nullable().optional(),
        functionArn: z.string().nullable(),
        functionQualifier: z.string().nullable().optional(),
      }),
    )
    .optional(),
  authorizers: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.string(),
        functionArn: z.string().nullable().optional(),
      }),
    )
    .optional(),
  stages: z.array(httpStageSchema).optional(),
});
export type HttpApi = z.infer<typeof httpApiSchema>;
export type HttpStage = z.infer<typeof httpStageSchema>;

export const logGroupSchema = z.object({
  name: z.string(),
  region: region,
  arn: z.string().optional(),
  /** null: logs never expire. */
  retentionInDays: z.number().int().positive().nullable(),
  /** null: encrypted only with the service-owned key. */
  kmsKeyId: z.string().nullable(),
});
export type LogGroup = z.infer<typeof logGroupSchema>;

const egressRuleSchema = z.object({
  /** "-1" is all protocols. */
  protocol: z.string(),
  fromPort: z.number().int().nullable().optional(),
  toPort: z.number().int().nullable().optional(),
  ipv4Ranges: z.array(z.string()),
  ipv6Ranges: z.array(z.string()),
  prefixListIds: z.array(z.string()).optional(),
  securityGroupIds: z.array(z.string()).optional(),
});

export const securityGroupSchema = z.object({
  id: z.string(),
  region: region,
  vpcId: z.string().optional(),
  name: z.string().optional(),
  egress: z.array(egressRuleSchema),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;

export const subnetSchema = z.object({
  id: z.string(),
  region: region,
  vpcId: z.string().optional(),
  availabilityZone: z.string(),
});
export type Subnet = z.infer<typeof subnetSchema>;

/** A capacity provider of Lambda Managed Instances: the security boundary between the functions on it. */
export const capacityProviderSchema = z.object({
  arn: arn,
  name: z.string(),
  region: region,
  state: z.string().optional(),
  vpc: z.object({ subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) }),
  /** null: the provider's resources are encrypted with an AWS managed key. */
  kmsKeyArn: z.string().nullable(),
  /** The role the provider uses to manage its EC2 instances (PermissionsConfig). */
  operatorRoleArn: z.string().optional(),
  architectures: z.array(z.string()).optional(),
  /** [] or absent: every compatible instance type. */
  allowedInstanceTypes: z.array(z.string()).optional(),
  excludedInstanceTypes: z.array(z.string()).optional(),
});
export type CapacityProvider = z.infer<typeof capacityProviderSchema>;

const fieldSelectorSchema = z.object({
  field: z.string(),
  equals: z.array(z.string()).optional(),
  startsWith: z.array(z.string()).optional(),
  endsWith: z.array(z.string()).optional(),
  notEquals: z.array(z.string()).optional(),
  notStartsWith: z.array(z.string()).optional(),
  notEndsWith: z.array(z.string()).optional(),
});

/** A CloudTrail trail that applies to a region, with what it records (stored as AWS returned it). */
export const trailSchema = z.object({
  arn: z.string(),
  name: z.string(),
  homeRegion: z.string().optional(),
  isMultiRegionTrail: z.boolean(),
  isOrganizationTrail: z.boolean(),
  /** GetTrailStatus; absent: not read. */
  isLogging: z.boolean().optional(),
  /** GetEventSelectors: the basic or the advanced selectors (a trail has one kind); absent: not read. */
  eventSelectors: z
    .object({
      basic: z.array(
        z.object({
          readWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]),
          includeManagementEvents: z.boolean(),
          dataResources: z.array(z.object({ type: z.string(), values: z.array(z.string()) })),
        }),
      ),
      advanced: z.array(z.object({ name: z.string().optional(), fieldSelectors: z.array(fieldSelectorSchema) })),
    })
    .optional(),
});
export type Trail = z.infer<typeof trailSchema>;
export type AdvancedFieldSelector = z.infer<typeof fieldSelectorSchema>;

/**
 * The account's detective services in one region, which every function of the region relies on in
 * its output phase. Each part follows the three states: absent not read (a gap says why).
 */
export const detectiveCoverageSchema = z.object({
  region: region,
  /** DescribeTrails (shadow trails included): [] no trail applies to the region. */
  trails: z.array(trailSchema).optional(),
  /** ListDetectors + GetDetector: [] GuardDuty is not enabled in the region. */
  guardDutyDetectors: z
    .array(
      z.object({
        id: z.string(),
        status: z.string(),
        /** The LAMBDA_NETWORK_LOGS feature (Lambda Protection): its status, null when the detector lists no such feature. */
        lambdaProtection: z.string().nullable(),
      }),
    )
    .optional(),
  /** Inspector2 BatchGetAccountStatus for the scanned account: each status, null when not reported. */
  inspector: z
    .object({
      status: z.string().nullable(),
      lambda: z.string().nullable(),
      lambdaCode: z.string().nullable(),
    })
    .optional(),
});
export type DetectiveCoverage = z.infer<typeof detectiveCoverageSchema>;

/** A layer version owned by the scanned account, with its resource policy. */
export const layerVersionSchema = z.object({
  arn: arn,
  region: region,
  /** null: no layer version policy (shared with nobody). */
  policy: policyDocumentSchema.nullable().optional(),
});
export type LayerVersion = z.infer<typeof layerVersionSchema>;

export const snapshotSchema = z.object({
  schemaVersion: z.union(READABLE_SNAPSHOT_VERSIONS.map((version) => z.literal(version))),
  tool: z.object({ name: z.string(), version: z.string() }),
  collectedAt: isoDateTime,
  partition: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
  regions: z.array(region),
  /**
   * The `service:Operation` reads this collection attempted. A check that needs an operation
   * that was not attempted (left out because no selected check needed it) reports unknown.
   * Absent: every operation was attempted (a snapshot written by hand or by an older version).
   */
  operationsAttempted: z.array(z.string()).optional(),
  /**
   * The account's organisation (organizations:DescribeOrganization): absent when not read (a gap says
   * why), null when the account is in no organisation.
   */
  organization: z
    .object({
      id: z.string().regex(/^o-[a-z0-9]{10,32}$/, "expected an organisation id such as o-a1b2c3d4e5"),
      arn: z.string().optional(),
      managementAccountId: z.string().regex(/^\d{12}$/).optional(),
    })
    .nullable()
    .optional(),
  functions: z.array(lambdaFunctionSchema),
  roles: z.array(roleSchema),
  managedPolicies: z.array(managedPolicySchema),
  /*
   * The lists below are read region by region, and follow the three states as a whole:
   *   absent = not read anywhere: the read that fills the list was not attempted in any region (no
   *            selected check needed it, or there was nothing to ask about) or failed (its first
   *            page) in every region where it was attempted;
   *   []     = read, and there are none;
   *   items  = what was read in the regions where the read succeeded (a later page that failed
   *            keeps the pages before it, with a gap marked `partial`).
   * A region whose read failed keeps its region-wide gap (no resourceArn) even when other regions
   * filled the list: that gap is what turns the checks about that region's functions `unknown`.
   * The read behind each list: eventSourceMappings ListEventSourceMappings; restApis GetRestApis;
   * httpApis GetApis; logGroups DescribeLogGroups (per function's group, or the /aws/lambda/ prefix);
   * securityGroups and subnets DescribeSecurityGroups and DescribeSubnets (the ids of functions in a
   * VPC); layerVersions the function listing that names the account's own layer versions (each
   * with its GetLayerVersionPolicy answer in `policy`).
   */
  eventSourceMappings: z.array(eventSourceMappingSchema).optional(),
  restApis: z.array(restApiSchema).optional(),
  httpApis: z.array(httpApiSchema).optional(),
  logGroups: z.array(logGroupSchema).optional(),
  securityGroups: z.array(securityGroupSchema).optional(),
  subnets: z.array(subnetSchema).optional(),
  layerVersions: z.array(layerVersionSchema).optional(),
  /**
   * capacityProviders: ListCapacityProviders per region, plus GetCapacityProvider for a provider a
   * function names that the listing did not return. detectiveCoverage: one entry per region where any
   * detective read was made (its parts follow the three states on their own).
   */
  capacityProviders: z.array(capacityProviderSchema).optional(),
  detectiveCoverage: z.array(detectiveCoverageSchema).optional(),
  gaps: z.array(gapSchema),
  /** Slower paths the collection took where a listing is not available (see noteSchema); not gaps. */
  notes: z.array(noteSchema).optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
