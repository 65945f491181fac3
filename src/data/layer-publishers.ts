/**
 * AWS accounts that publish widely used public Lambda layers, each with the source that names it.
 * A layer from an account in this table is code from a known publisher: function-layer-cross-account
 * passes it and names the publisher (it still runs with the function's role; pin and review it).
 *
 * As of LAYER_PUBLISHERS_AS_OF, from the sources below (retrieved 2026-11-30). Only ids a source
 * names are here; publishers whose ids we could not tie to a source (Powertools for Java and .NET,
 * newer Regions of the per-Region AWS extensions) are left out, and so are discontinued services
 * (Thundra, Epsagon, IOpipe). An account not listed is "unrecognised", not "malicious".
 * `sourceKind`: `aws` an AWS page or repository, `vendor` the publisher's own documentation or
 * repository, `third-party` a copy of the publisher's table or independent repositories that agree.
 * Account ids are per partition: a commercial id means nothing in aws-cn or aws-us-gov.
 */
export const LAYER_PUBLISHERS_AS_OF = "2026-11-30";

export type Partition = "aws" | "aws-cn" | "aws-us-gov";
export type SourceKind = "aws" | "vendor" | "third-party";

export interface LayerPublisher {
  accountId: string;
  partition: Partition;
  publisher: string;
  /** The Regions the source shows this account publishing in, where the publisher uses one account per Region. */
  regions?: readonly string[];
  source: string;
  sourceKind: SourceKind;
}

interface Publisher {
  name: string;
  kind: SourceKind;
}

const POWERTOOLS_PYTHON = { name: "Powertools for AWS Lambda (Python)", kind: "aws" } as const;
const POWERTOOLS_PYTHON_SOURCE = "https://docs.powertools.aws.dev/lambda/python/latest/ (aws-powertools/powertools-lambda-python docs/index.md: arn:aws:lambda:{region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-..., arn:aws-cn:lambda:cn-north-1:498634801083:layer:...)";
const POWERTOOLS_TYPESCRIPT = { name: "Powertools for AWS Lambda (TypeScript)", kind: "aws" } as const;
const POWERTOOLS_TYPESCRIPT_SOURCE = "https://docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers (arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:44, the same account in every listed Region)";
const LAMBDA_INSIGHTS = { name: "CloudWatch Lambda Insights extension", kind: "aws" } as const;
const LAMBDA_INSIGHTS_SOURCE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-extension-versions.html, as tabulated in awslabs/serverless-plugin-lambda-insights layerVersions.json";
const APPCONFIG = { name: "AWS AppConfig Agent Lambda extension", kind: "aws" } as const;
const APPCONFIG_SOURCE = "https://docs.aws.amazon.com/appconfig/latest/userguide/appconfig-integration-lambda-extensions-versions.html, as tabulated in aws/aws-cdk region-info fact-tables.ts APPCONFIG_LAMBDA_LAYER_ARNS";
const PARAMETERS_AND_SECRETS = { name: "AWS Parameters and Secrets Lambda Extension", kind: "third-party" } as const;
const PARAMETERS_AND_SECRETS_SOURCE = "AWS's table (https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html) as copied in fedonev/lambda-params-secrets data/aws-layer-arns.json";
const ADOT = { name: "AWS Distro for OpenTelemetry (Application Signals layers)", kind: "aws" } as const;
const ADOT_SOURCE = "aws-observability/aws-otel-python-instrumentation release lambda-v0.8.0 notes (AWSOpenTelemetryDistroPython layer ARNs)";
const ADOT_LEGACY = { name: "AWS Distro for OpenTelemetry (legacy layers)", kind: "third-party" } as const;
const ADOT_LEGACY_SOURCE = "https://aws-otel.github.io/docs/getting-started/lambda (legacy aws-otel-* layers), as used in many independent repositories";
const DATADOG = { name: "Datadog", kind: "vendor" } as const;
const DATADOG_SOURCE = "DataDog/datadog-lambda-extension release notes (arn:aws:lambda:<AWS_REGION>:464622532012:layer:Datadog-Extension, GovCloud arn:aws-us-gov:lambda:us-gov-<AWS_REGION>:002406178527:layer:...)";
const SENTRY = { name: "Sentry", kind: "vendor" } as const;
const SENTRY_SOURCE = "https://docs.sentry.io/platforms/javascript/guides/aws-lambda/layer/ and getsentry/sentry-release-registry aws-lambda-layers (account_number 943013980633)";
const LUMIGO = { name: "Lumigo", kind: "vendor" } as const;
const LUMIGO_SOURCE = "Lumigo's README (arn:aws:lambda:us-east-1:114300393969:layer:lumigo-tracer-extension)";
const HONEYCOMB = { name: "Honeycomb", kind: "vendor" } as const;
const HONEYCOMB_SOURCE = "honeycombio/honeycomb-lambda-extension README (arn:aws:lambda:<AWS_REGION>:702835727665:layer:honeycomb-lambda-extension-<ARCH>-<VERSION>)";
const ELASTIC = { name: "Elastic APM", kind: "vendor" } as const;
const ELASTIC_SOURCE = "elastic/apm-agent-nodejs release notes v4.0.0 and v4.18.0 (layer tables in 267093732750)";
const NEW_RELIC = { name: "New Relic", kind: "third-party" } as const;
const NEW_RELIC_SOURCE = "layer ARNs in 451483290750 listed at https://layers.newrelic-external.com, as used in many independent repositories";
const SPLUNK = { name: "Splunk OpenTelemetry Lambda", kind: "third-party" } as const;
const SPLUNK_SOURCE = "signalfx/lambda-layer-versions (splunk-apm layers in 254067382080), as used in many independent repositories";
const DYNATRACE = { name: "Dynatrace", kind: "third-party" } as const;
const DYNATRACE_SOURCE = "Dynatrace dtlayertool README (dtlayertool pull arn:aws:lambda:us-east-1:725887861453:layer:Dynatrace_OneAgent_...)";

function publisher(accountId: string, partition: Partition, who: Publisher, source: string, regions?: readonly string[]): LayerPublisher {
  return { accountId, partition, publisher: who.name, source, sourceKind: who.kind, ...(regions ? { regions } : {}) };
}

export const LAYER_PUBLISHERS: readonly LayerPublisher[] = Object.freeze([
  publisher("017000801446", "aws", POWERTOOLS_PYTHON, POWERTOOLS_PYTHON_SOURCE),
  publisher("498634801083", "aws-cn", POWERTOOLS_PYTHON, POWERTOOLS_PYTHON_SOURCE, ["cn-north-1"]),
  publisher("094274105915", "aws", POWERTOOLS_TYPESCRIPT, POWERTOOLS_TYPESCRIPT_SOURCE),
  publisher("580247275435", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE),
  publisher("012438385374", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["af-south-1"]),
  publisher("519774774795", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["ap-east-1"]),
  publisher("891564319516", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["ap-south-2"]),
  publisher("439286490199", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["ap-southeast-3"]),
  publisher("194566237122", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["ap-northeast-3"]),
  publisher("033019950311", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["eu-central-2"]),
  publisher("339249233099", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["eu-south-1"]),
  publisher("352183217350", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["eu-south-2"]),
  publisher("732604637566", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["me-central-1"]),
  publisher("285320876703", "aws", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["me-south-1"]),
  publisher("488211338238", "aws-cn", LAMBDA_INSIGHTS, LAMBDA_INSIGHTS_SOURCE, ["cn-north-1", "cn-northwest-1"]),
  publisher("027255383542", "aws", APPCONFIG, APPCONFIG_SOURCE, ["us-east-1"]),
  publisher("728743619870", "aws", APPCONFIG, APPCONFIG_SOURCE, ["us-east-2"]),
  publisher("958113053741", "aws", APPCONFIG, APPCONFIG_SOURCE, ["us-west-1"]),
  publisher("359756378197", "aws", APPCONFIG, APPCONFIG_SOURCE, ["us-west-2"]),
  publisher("574348263942", "aws", APPCONFIG, APPCONFIG_SOURCE, ["af-south-1"]),
  publisher("630222743974", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-east-1"]),
  publisher("980059726660", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-northeast-1"]),
  publisher("826293736237", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-northeast-2"]),
  publisher("706869817123", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-northeast-3"]),
  publisher("554480029851", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-south-1"]),
  publisher("489524808438", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-south-2"]),
  publisher("421114256042", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-southeast-1"]),
  publisher("080788657173", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-southeast-2"]),
  publisher("418787028745", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ap-southeast-3"]),
  publisher("039592058896", "aws", APPCONFIG, APPCONFIG_SOURCE, ["ca-central-1"]),
  publisher("066940009817", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-central-1"]),
  publisher("758369105281", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-central-2"]),
  publisher("646970417810", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-north-1"]),
  publisher("203683718741", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-south-1"]),
  publisher("586093569114", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-south-2"]),
  publisher("434848589818", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-west-1"]),
  publisher("282860088358", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-west-2"]),
  publisher("493207061005", "aws", APPCONFIG, APPCONFIG_SOURCE, ["eu-west-3"]),
  publisher("662846165436", "aws", APPCONFIG, APPCONFIG_SOURCE, ["me-central-1"]),
  publisher("559955524753", "aws", APPCONFIG, APPCONFIG_SOURCE, ["me-south-1"]),
  publisher("000010852771", "aws", APPCONFIG, APPCONFIG_SOURCE, ["sa-east-1"]),
  publisher("615057806174", "aws-cn", APPCONFIG, APPCONFIG_SOURCE, ["cn-north-1"]),
  publisher("615084187847", "aws-cn", APPCONFIG, APPCONFIG_SOURCE, ["cn-northwest-1"]),
  publisher("946561847325", "aws-us-gov", APPCONFIG, APPCONFIG_SOURCE, ["us-gov-east-1"]),
  publisher("946746059096", "aws-us-gov", APPCONFIG, APPCONFIG_SOURCE, ["us-gov-west-1"]),
  publisher("177933569100", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-east-1"]),
  publisher("590474943231", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-east-2"]),
  publisher("997803712105", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-west-1"]),
  publisher("345057560386", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-west-2"]),
  publisher("317013901791", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["af-south-1"]),
  publisher("768336418462", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-east-1"]),
  publisher("176022468876", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-south-1"]),
  publisher("133490724326", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-northeast-1"]),
  publisher("738900069198", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-northeast-2"]),
  publisher("576959938190", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-northeast-3"]),
  publisher("044395824272", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-southeast-1"]),
  publisher("665172237481", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-southeast-2"]),
  publisher("490737872127", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ap-southeast-3"]),
  publisher("200266452380", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["ca-central-1"]),
  publisher("187925254637", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-central-1"]),
  publisher("427196147048", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-north-1"]),
  publisher("325218067255", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-south-1"]),
  publisher("015030872274", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-west-1"]),
  publisher("133256977650", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-west-2"]),
  publisher("780235371811", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["eu-west-3"]),
  publisher("858974508948", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["me-central-1"]),
  publisher("832021897121", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["me-south-1"]),
  publisher("933737806257", "aws", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["sa-east-1"]),
  publisher("287114880934", "aws-cn", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["cn-north-1"]),
  publisher("287310001119", "aws-cn", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["cn-northwest-1"]),
  publisher("129776340158", "aws-us-gov", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-gov-east-1"]),
  publisher("127562683043", "aws-us-gov", PARAMETERS_AND_SECRETS, PARAMETERS_AND_SECRETS_SOURCE, ["us-gov-west-1"]),
  publisher("615299751070", "aws", ADOT, ADOT_SOURCE),
  publisher("904233096616", "aws", ADOT, ADOT_SOURCE, ["af-south-1"]),
  publisher("888577020596", "aws", ADOT, ADOT_SOURCE, ["ap-east-1"]),
  publisher("796973505492", "aws", ADOT, ADOT_SOURCE, ["ap-south-2"]),
  publisher("039612877180", "aws", ADOT, ADOT_SOURCE, ["ap-southeast-3"]),
  publisher("713881805771", "aws", ADOT, ADOT_SOURCE, ["ap-southeast-4"]),
  publisher("156041407956", "aws", ADOT, ADOT_SOURCE, ["eu-central-2"]),
  publisher("901920570463", "aws", ADOT_LEGACY, ADOT_LEGACY_SOURCE),
  publisher("464622532012", "aws", DATADOG, DATADOG_SOURCE),
  publisher("002406178527", "aws-us-gov", DATADOG, DATADOG_SOURCE),
  publisher("943013980633", "aws", SENTRY, SENTRY_SOURCE),
  publisher("114300393969", "aws", LUMIGO, LUMIGO_SOURCE),
  publisher("702835727665", "aws", HONEYCOMB, HONEYCOMB_SOURCE),
  publisher("267093732750", "aws", ELASTIC, ELASTIC_SOURCE),
  publisher("451483290750", "aws", NEW_RELIC, NEW_RELIC_SOURCE),
  publisher("254067382080", "aws", SPLUNK, SPLUNK_SOURCE),
  publisher("725887861453", "aws", DYNATRACE, DYNATRACE_SOURCE),
]);

const byKey = new Map(LAYER_PUBLISHERS.map((entry) => [`${entry.partition}:${entry.accountId}`, entry]));

/** The known publisher of layers in `accountId` of `partition`, if the table has one. */
export function knownLayerPublisher(partition: string, accountId: string): LayerPublisher | undefined {
  return byKey.get(`${partition}:${accountId}`);
}
