import type { AccountIndex } from "./account.js";
import type { StubService } from "./protocol.js";

/** One identified call, as a handler sees it. */
export interface CallContext {
  index: AccountIndex;
  service: StubService;
  operation: string;
  /** The region of the credential scope (IAM is signed for us-east-1). */
  region: string;
  /** REST path labels, percent-decoded. */
  labels: Record<string, string>;
  /** REST query string, or the form parameters of a Query request. */
  params: URLSearchParams;
  /** JSON 1.1 request body. */
  json: Record<string, unknown>;
  accessKeyId: string;
  /** The ARN of the caller (STS GetCallerIdentity), used in access-denied messages. */
  callerArn: string;
  settings: { iamPageSize: number; /** Emulator mode: function configurations without LoggingConfig. */ omitLoggingConfig: boolean };
  /** A served account by id (the starting account or another account of its organisation), for STS AssumeRole. */
  accountById(accountId: string): AccountIndex | undefined;
  /** Called by STS AssumeRole: later calls signed with `accessKeyId` act as `roleArn`. */
  issueCredentials(roleArn: string, sessionName: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/** Answers with the response body (JSON document, or the content of the Query result), or throws AwsError. */
export type Handler = (ctx: CallContext) => unknown;

export type HandlerTable = Partial<Record<string, Handler>>;

export interface ServiceHandlers {
  service: StubService;
  handlers: HandlerTable;
  /** The resource a call is about, for fault rules and the call log (function ARN, role name...). */
  resourceOf?(ctx: CallContext): string | null;
}
