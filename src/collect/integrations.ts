/**
 * Which Lambda function an API Gateway integration or authorizer invokes. REST integrations and
 * authorizers name it inside an API Gateway service URI
 * (arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:name:alias/invocations);
 * HTTP API integrations may also give the function ARN itself. A qualifier (alias, version, or a
 * `${stageVariables.x}` reference) is split off so that the function ARN joins with the snapshot's.
 */
export interface InvokedFunction {
  functionArn: string | null;
  functionQualifier: string | null;
}

const FUNCTION_ARN = /(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[^:/]+)(?::([^/]+))?/;

export function invokedFunction(uri: string | null | undefined): InvokedFunction {
  if (!uri) return { functionArn: null, functionQualifier: null };
  const inService = uri.match(/\/functions\/(.+?)\/invocations/);
  const candidate = inService ? inService[1] : uri;
  const match = candidate?.match(FUNCTION_ARN);
  if (!match?.[1]) return { functionArn: null, functionQualifier: null };
  return { functionArn: match[1], functionQualifier: match[2] ?? null };
}
