import type { CallContext } from "./context.js";
import { parseRoleArn } from "./organization-accounts.js";
import { AwsError } from "./protocol.js";
import { trustAllowsAssumeRole } from "./role-trust.js";

/**
 * STS AssumeRole against the accounts the stub serves. It succeeds only when the role's account is
 * served, the account has a role of that name, and the role's trust policy lets the caller's account
 * (or the caller itself) assume it, with the ExternalId its condition asks for. Otherwise it answers
 * AccessDenied (HTTP 403) with AWS's sentence, which names the caller and the role and is the same
 * whether the role is missing or does not trust the caller (AWS does not tell them apart).
 *
 * DurationSeconds: 900 up to the role's maximum session duration (default 3600, at most 43200);
 * at most 3600 when the caller is itself an assumed role (role chaining). Out of range: ValidationError.
 * Sources (read 2026-11-30):
 * - https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/duration-seconds.html
 *   (the STS API model's text of AssumeRole's DurationSeconds: 900 s to the role's maximum, default 3600,
 *   role chaining at most one hour; "the operation fails" otherwise)
 * - https://docs.aws.amazon.com/goto/WebAPI/iam/UpdateRole (MaxSessionDuration 3600..43200, default 3600)
 * - https://aws.amazon.com/ru/premiumsupport/knowledge-center/iam-role-chaining-limit/ (the chaining error's sentence)
 * - https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/role-session-name.html
 *   (RoleSessionName's characters: [\w+=,.@-]; its 2..64 length is the STS API reference's constraint)
 * - The AccessDenied sentence ("User: ARN is not authorized to perform: sts:AssumeRole on resource: ARN")
 *   and the sentence for exceeding the role's MaxSessionDuration are the ones AWS answers as quoted in
 *   public reports; AWS's pages say only that the call is denied or "fails", without the wording.
 */

const DEFAULT_MAX_SESSION_SECONDS = 3600;
const CHAINED_MAX_SESSION_SECONDS = 3600;
const MIN_SESSION_SECONDS = 900;
const ABSOLUTE_MAX_SESSION_SECONDS = 43200;

function validation(message: string): AwsError {
  return new AwsError("ValidationError", message, 400);
}

function durationOf(ctx: CallContext): number | null {
  const raw = ctx.params.get("DurationSeconds");
  if (raw === null || raw === "") return null;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds)) throw validation(`Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
  if (seconds < MIN_SESSION_SECONDS) {
    throw validation(`1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`);
  }
  if (seconds > ABSOLUTE_MAX_SESSION_SECONDS) {
    throw validation(`1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${ABSOLUTE_MAX_SESSION_SECONDS}`);
  }
  return seconds;
}

/** The principals a caller ARN stands for: an assumed-role session also matches its role's ARN. */
function principalArnsOf(callerArn: string): string[] {
  const session = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return session ? [callerArn, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`] : [callerArn];
}

export function assumeRole(ctx: CallContext): unknown {
  const roleArn = ctx.params.get("RoleArn") ?? "";
  const sessionName = ctx.params.get("RoleSessionName") ?? "";
  if (roleArn === "" || sessionName === "") throw validation("RoleArn and RoleSessionName are required");
  if (sessionName.length < 2 || sessionName.length > 64) {
    const bound = sessionName.length < 2 ? "greater than or equal to 2" : "less than or equal to 64";
    throw validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${bound}`);
  }
  if (!/^[\w+=,.@-]+$/.test(sessionName)) {
    throw validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const role = parseRoleArn(roleArn);
  if (!role) throw validation(`${roleArn} is invalid`);
  const requested = durationOf(ctx);

  const callerAccount = ctx.index.account;
  const denied = new AwsError("AccessDenied", `User: ${ctx.callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  const target = ctx.accountById(role.accountId);
  const targetRole = target?.rolesByName.get(role.roleName);
  if (!target || !targetRole || targetRole.arn !== roleArn) throw denied;
  const externalId = ctx.params.get("ExternalId") ?? undefined;
  const trusted = trustAllowsAssumeRole(targetRole.trustPolicy, {
    caller: { accountId: callerAccount.accountId, partition: callerAccount.partition, principalArns: principalArnsOf(ctx.callerArn) },
    externalId,
  });
  if (!trusted) throw denied;

  const chained = ctx.callerArn.includes(":assumed-role/");
  const roleMax = target.account.roleMaxSessionDuration?.[role.roleName] ?? DEFAULT_MAX_SESSION_SECONDS;
  const seconds = requested ?? DEFAULT_MAX_SESSION_SECONDS;
  if (chained && seconds > CHAINED_MAX_SESSION_SECONDS) {
    throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }
  if (seconds > roleMax) throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

  const credentials = ctx.issueCredentials(roleArn, sessionName);
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: new Date(Date.now() + seconds * 1000).toISOString(),
    },
    AssumedRoleUser: {
      AssumedRoleId: `AROASTUBROLE:${sessionName}`,
      Arn: `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    },
    PackedPolicySize: 0,
  };
}
