import { z } from "zod";

/** Thresholds checks judge against; set in the config file's `checkSettings`. */
export const checkSettingsSchema = z
  .object({
    /** Accounts whose principals may invoke functions or assume roles without being reported. */
    trustedAccountIds: z.array(z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id")).default([]),
    /** Log retention below this many days fails `function-log-retention-short`. */
    minimumLogRetentionDays: z.number().int().positive().default(365),
    /** `function-runtime-deprecation-soon` fails this many days or fewer before deprecation. */
    runtimeDeprecationHorizonDays: z.number().int().nonnegative().default(180),
    /** Replace or add rows of the runtime table (e.g. when AWS moves a date before we ship). */
    runtimeOverrides: z
      .array(
        z.object({
          identifier: z.string(),
          deprecationDate: z.string().nullable(),
          blockCreateDate: z.string().nullable().optional(),
          blockUpdateDate: z.string().nullable().optional(),
        }),
      )
      .default([]),
    /**
     * A container image, or a function whose runtime updates only on deploy, not redeployed for more
     * than this many days is running unpatched OS and runtime code.
     */
    maximumDaysSinceDeployment: z.number().int().positive().default(90),
    /** Tag keys every function is expected to carry (e.g. owner, data-classification). */
    requiredTagKeys: z.array(z.string()).default([]),
  })
  .strict();

export type CheckSettings = z.infer<typeof checkSettingsSchema>;

export const defaultCheckSettings: CheckSettings = checkSettingsSchema.parse({});
