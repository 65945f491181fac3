import { pathDeeperThan, POLICY_DEPTH_LIMIT } from "../json-depth.js";
import type { CollectContext } from "./context.js";
import type { PolicyDocument } from "../snapshot/schema.js";

/**
 * Turns a policy document as AWS returns it into a JSON object, without interpreting it (that is
 * src/policy's job). IAM returns documents URL-encoded (GetRole's AssumeRolePolicyDocument,
 * GetRolePolicy, GetPolicyVersion: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html);
 * API Gateway returns a REST API's policy as JSON with its quotes backslash-escaped; Lambda returns
 * plain JSON. Returns undefined for anything that is not a JSON object, so that the caller records a gap
 * rather than storing a document it could not read.
 */
export function decodePolicyDocument(raw: string | undefined | null): PolicyDocument | undefined {
  if (raw === undefined || raw === null) return undefined;
  const candidates = [raw];
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      candidates.push(decodeURIComponent(raw));
    } catch {
      // Not valid percent-encoding: the raw text is the only candidate (a literal % in a condition value).
    }
  }
  for (const text of [...candidates]) if (text.includes('\\"')) candidates.push(text.replace(/\\"/g, '"').replace(/\\\\/g, "\\"));
  for (const text of candidates) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) continue;
      // A document nested past the policy limit is not stored: the snapshot must stay readable and
      // every walk over it bounded. It is reported unreadable, like a document that is not JSON.
      if (pathDeeperThan(parsed, POLICY_DEPTH_LIMIT) !== undefined) return undefined;
      return parsed as PolicyDocument;
    } catch {
      // Try the next decoding.
    }
  }
  return undefined;
}

/** The error code recorded when a document could not be decoded. */
export const UNREADABLE_DOCUMENT = "UnreadablePolicyDocument";

/** A document AWS returned that is not JSON: the field stays absent, and the gap says why. */
export function unreadable(ctx: CollectContext, service: string, operation: string, region: string, resourceArn: string): void {
  ctx.addGap({
    service,
    operation,
    region,
    resourceArn,
    errorCode: UNREADABLE_DOCUMENT,
    message: `the policy document AWS returned is not a JSON object nested at most ${POLICY_DEPTH_LIMIT} levels deep`,
  });
}
