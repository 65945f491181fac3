import { ALL_CHECKS } from "../../checks/index.js";
import type { AnyCheck } from "../engine/check.js";
import { checkInfoOf } from "../engine/evaluate.js";
import type { CheckInfo } from "../engine/result-schema.js";
import { checkSettingsSchemaFor } from "../engine/settings.js";
import { InputError } from "../errors.js";
import { remediationUrl } from "../report/finding-fields.js";
import { closest } from "../text/suggest.js";

export { ALL_CHECKS };

/**
 * The config file's `checkSettings`: the engine's settings and every check's own thresholds,
 * composed from the catalogue so that a check's setting is declared once, with the check.
 */
export const checkSettingsSchema = checkSettingsSchemaFor(ALL_CHECKS);

const BUILT_IN_CHECK_INFO = new Map(ALL_CHECKS.map((check) => [check.id, checkInfoOf(check, remediationUrl)]));

/** A built-in check's metadata as a scan result stores it (reading older results needs it). */
export function describeBuiltInCheck(id: string): CheckInfo | undefined {
  return BUILT_IN_CHECK_INFO.get(id);
}

/** Which checks run: `only` (default every check) minus `skip`; an unknown id is an input error, never ignored. */
export function selectChecks(only: readonly string[] | undefined, skip: readonly string[] = [], catalogue: readonly AnyCheck[] = ALL_CHECKS): AnyCheck[] {
  const ids = catalogue.map((check) => check.id);
  for (const [flag, list] of [["--checks", only ?? []], ["--skip-checks", skip]] as const) {
    for (const id of list) {
      if (!ids.includes(id)) {
        const suggestion = closest(id, ids);
        throw new InputError(
          `${flag}: no check with id ${id}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; \`lambda-posture checks\` lists them`,
        );
      }
    }
  }
  const selected = catalogue.filter((check) => (only === undefined || only.includes(check.id)) && !skip.includes(check.id));
  if (selected.length === 0) throw new InputError("--checks / --skip-checks leave no check to run");
  return selected;
}

/** The read operations the selected checks need: collection reads nothing more. */
export function operationsRequiredBy(checks: readonly AnyCheck[]): Set<string> {
  return new Set(checks.flatMap((check) => check.requires));
}
