import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";

/** Static, fake credentials: the stub reads only the access key id and the credential scope. */
export const STUB_CREDENTIALS = {
  accessKeyId: "AKIASTUBTESTKEY00001",
  secretAccessKey: "stub-secret-access-key-not-a-real-one",
} as const;

/**
 * The environment a scanner process needs to reach the stub: the endpoint, fake static credentials,
 * no instance metadata lookups, no shared config files, and no proxy.
 */
export function stubEnvironment(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: STUB_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STUB_CREDENTIALS.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    NO_PROXY: "127.0.0.1,localhost",
    ...extra,
  };
}

/** SDK clients pointed at the stub; `maxAttempts: 1` unless a test wants the SDK's retries. */
export function stubClients(url: string, region: string, maxAttempts = 1) {
  // A fresh object per client: the SDK annotates the credentials object it is given.
  const config = { region, endpoint: url, credentials: { ...STUB_CREDENTIALS }, maxAttempts };
  return {
    lambda: new LambdaClient(config),
    apiGateway: new APIGatewayClient(config),
    apiGatewayV2: new ApiGatewayV2Client(config),
    logs: new CloudWatchLogsClient(config),
    iam: new IAMClient({ ...config, region: "us-east-1" }),
    sts: new STSClient(config),
    ec2: new EC2Client(config),
  };
}
