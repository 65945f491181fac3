import picomatch from "picomatch";
import { z } from "zod";

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, "expected a date such as 2027-03-31")
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "not a real date" });

export const suppressionSchema = z
  .object({
    /** A check id, or `*` for every check. */
    checkId: z.string().min(1),
    /** A glob over resource ARNs (`*` within a path segment, `**` across `/`). */
    resource: z.string().min(1),
    /** Why the risk is accepted; reviewed by the next auditor, so it must say something. */
    reason: z.string().trim().min(10, "a suppression needs a reason of at least 10 characters"),
    /** After this date the suppression stops applying and is listed as expired. */
    expires: dateOnly.optional(),
  })
  .strict();
export type Suppression = z.infer<typeof suppressionSchema>;

export const suppressionsFileSchema = z.object({ suppressions: z.array(suppressionSchema) }).strict();

/** A date-only expiry lasts through that whole day (UTC). */
function expiryInstant(expires: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T23:59:59.999Z`) : Date.parse(expires);
}

export interface SuppressionMatcher {
  /** The active suppression that covers this finding, if any. */
  match(checkId: string, resourceArn: string): Suppression | undefined;
  /** Suppressions past their expiry date: not applied, listed so that someone reviews them. */
  readonly expired: readonly Suppression[];
  /** Active suppressions that matched no finding in this scan (stale entries to clean up). */
  unmatched(): Suppression[];
}

/** Expiry is judged against the time of the scan (`now`), not the snapshot's collection time. */
export function createSuppressionMatcher(suppressions: readonly Suppression[], now: Date): SuppressionMatcher {
  const active: { suppression: Suppression; matches: (arn: string) => boolean }[] = [];
  const expired: Suppression[] = [];
  for (const suppression of suppressions) {
    if (suppression.expires !== undefined && expiryInstant(suppression.expires) < now.getTime()) {
      expired.push(suppression);
      continue;
    }
    active.push({ suppression, matches: picomatch(suppression.resource, { dot: true, nocase: false }) });
  }
  const used = new Set<Suppression>();
  return {
    match(checkId, resourceArn) {
      for (const entry of active) {
        const { suppression } = entry;
        if ((suppression.checkId === "*" || suppression.checkId === checkId) && entry.matches(resourceArn)) {
          used.add(suppression);
          return suppression;
        }
      }
      return undefined;
    },
    expired,
    unmatched: () => active.map((entry) => entry.suppression).filter((suppression) => !used.has(suppression)),
  };
}
