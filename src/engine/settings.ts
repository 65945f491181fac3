import { z } from "zod";
import type { AnyCheck } from "./check.js";

/**
 * Settings the view's shared analyses use, and so every check that relies on them: they are not
 * any one check's. A check's own thresholds live with the check (`settings` in defineCheck); the
 * config file's `checkSettings` is composed from both by `checkSettingsSchemaFor`.
 */
export const engineSettingsSchema = z.object({
  trustedAccountIds: z
    .array(z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"))
    .default([])
    .describe("Accounts whose principals may invoke functions, assume roles or publish layers without being reported."),
  runtimeOverrides: z
    .array(
      z.object({
        identifier: z.string(),
        deprecationDate: z.string().nullable(),
        blockCreateDate: z.string().nullable().optional(),
        blockUpdateDate: z.string().nullable().optional(),
      }),
    )
    .default([])
    .describe("Rows that replace or add to the runtime table, for when AWS moves a date before a release of this tool."),
});

/**
 * A container image, or a function whose runtime updates only on deploy, not redeployed for more
 * than this many days is running unpatched OS and runtime code: two checks judge it, with one setting.
 */
export const MAXIMUM_DAYS_SINCE_DEPLOYMENT = z
  .number()
  .int()
  .positive()
  .default(90)
  .describe("A container image or a runtime that updates only on deployment, not redeployed for more than this many days, is unpatched.");
export type EngineSettings = z.infer<typeof engineSettingsSchema>;

export const defaultEngineSettings: EngineSettings = engineSettingsSchema.parse({});

/** `checkSettings` as a user writes it: any subset of the engine's and the checks' settings. */
export type CheckSettingsInput = Readonly<Record<string, unknown>>;

/**
 * The `checkSettings` schema for a catalogue: the engine's settings plus every check's own, strict
 * (a misspelt key is an error). Two checks may share a setting only with the same definition.
 */
export function checkSettingsSchemaFor(checks: readonly AnyCheck[]): z.ZodObject<z.ZodRawShape> {
  const shape: Record<string, z.core.$ZodType> = { ...engineSettingsSchema.shape };
  const owner = new Map<string, string>(Object.keys(shape).map((key) => [key, "the engine"]));
  for (const check of checks) {
    for (const [key, field] of Object.entries(check.settings?.shape ?? {})) {
      const existing = shape[key];
      if (existing && JSON.stringify(z.toJSONSchema(existing, { io: "input" })) !== JSON.stringify(z.toJSONSchema(field, { io: "input" }))) {
        throw new Error(`setting ${key} of ${check.id} differs from the one ${owner.get(key)} declares`);
      }
      shape[key] = field;
      owner.set(key, owner.get(key) ?? check.id);
    }
  }
  return z.object(shape).strict();
}

/** The engine's part of the user's `checkSettings`, with defaults. */
export function engineSettingsFrom(input: CheckSettingsInput): EngineSettings {
  return engineSettingsSchema.parse({ trustedAccountIds: input.trustedAccountIds, runtimeOverrides: input.runtimeOverrides });
}

/** One check's own settings from the user's `checkSettings`, with the check's defaults. */
export function settingsOfCheck(check: AnyCheck, input: CheckSettingsInput): Record<string, unknown> {
  if (!check.settings) return {};
  const own = Object.fromEntries(Object.keys(check.settings.shape).map((key) => [key, input[key]]));
  return check.settings.parse(own) as Record<string, unknown>;
}
