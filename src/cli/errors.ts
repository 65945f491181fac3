import { InputError, ScanImpossibleError, UserError } from "../errors.js";

/**
 * Exit codes are part of the CLI contract (DESIGN section 7) and exist only here: the library
 * throws typed errors (src/errors.ts) and `main` turns each into one line on stderr and a code.
 */
export const ExitCode = {
  ok: 0,
  findingsAtOrAboveFailOn: 1,
  usageOrInput: 2,
  couldNotScan: 3,
  /** `--fail-on-gaps`: the scan ran, but some reads failed, so some results are unknown. */
  incomplete: 4,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export { InputError, ScanImpossibleError, UserError };

/** The exit code of an error a user can cause; undefined for anything else (a bug). */
export function exitCodeOfError(error: unknown): ExitCodeValue | undefined {
  if (error instanceof ScanImpossibleError) return ExitCode.couldNotScan;
  if (error instanceof UserError) return ExitCode.usageOrInput;
  return undefined;
}
