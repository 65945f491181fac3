/** Shared builders for the policy tables of issue 11 (one table per class). */
export const OWN = "111122223333";
export const OTHER = "444455556666";
export const TRUSTED = "777788889999";
export const ORG = "o-a1b2c3d4e5";
export const OTHER_ORG = "o-zz9yy8xx7w";
export const FN = `arn:aws:lambda:eu-west-1:${OWN}:function:orders`;

export type Statement = Record<string, unknown>;
export const policy = (...statements: Statement[]): Record<string, unknown> => ({ Version: "2012-10-17", Statement: statements });
export const allow = (extra: Statement): Statement => ({ Effect: "Allow", ...extra });
export const deny = (extra: Statement): Statement => ({ Effect: "Deny", ...extra });
/** A role input with one inline policy holding these statements. */
export const roleWith = (...statements: Statement[]) => ({ inlinePolicies: [{ name: "p", document: policy(...statements) }], managedPolicies: [] });
