import type { FunctionUrlConfig, GetFunctionUrlConfigResponse } from "@aws-sdk/client-lambda";
import type { LambdaFunction, PolicyDocument } from "../snapshot/schema.js";
import type { AnswerProblems } from "./answers.js";
import { decodePolicyDocument } from "./documents.js";

type FunctionUrl = NonNullable<LambdaFunction["url"]>;

/**
 * A function URL as GetFunctionUrlConfig or ListFunctionUrlConfigs describes it (the same fields), in
 * snapshot form; undefined when the answer cannot be stored (a gap says why).
 */
export function functionUrlFrom(url: GetFunctionUrlConfigResponse | FunctionUrlConfig, problems: AnswerProblems): FunctionUrl | undefined {
  if (url.AuthType === undefined) {
    problems.missing("AuthType");
    return undefined;
  }
  if (url.AuthType !== "NONE" && url.AuthType !== "AWS_IAM") {
    problems.unexpected("AuthType");
    return undefined;
  }
  const cors = url.Cors;
  return {
    authType: url.AuthType,
    ...(url.FunctionUrl ? { url: url.FunctionUrl } : {}),
    ...(url.InvokeMode ? { invokeMode: url.InvokeMode } : {}),
    // Which function URL permission rule applies depends on when the URL was created.
    ...(url.CreationTime && !Number.isNaN(Date.parse(url.CreationTime)) ? { creationTime: new Date(url.CreationTime).toISOString() } : {}),
    cors: cors
      ? {
          ...(cors.AllowOrigins ? { allowOrigins: cors.AllowOrigins } : {}),
          ...(cors.AllowMethods ? { allowMethods: cors.AllowMethods } : {}),
          ...(cors.AllowHeaders ? { allowHeaders: cors.AllowHeaders } : {}),
          ...(cors.ExposeHeaders ? { exposeHeaders: cors.ExposeHeaders } : {}),
          ...(cors.AllowCredentials !== undefined ? { allowCredentials: cors.AllowCredentials } : {}),
          ...(cors.MaxAge !== undefined ? { maxAge: cors.MaxAge } : {}),
        }
      : null,
  };
}

/**
 * A resource policy from GetPolicy's answer: null when the answer holds none (as when GetPolicy
 * answers not found), undefined when it is unreadable (a gap says why).
 */
export function resourcePolicyFrom(policy: string | undefined, problems: AnswerProblems): PolicyDocument | null | undefined {
  if (!policy) return null;
  const document = decodePolicyDocument(policy);
  if (!document) problems.unreadablePolicy();
  return document;
}
