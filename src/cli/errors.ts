/**
 * Exit codes are part of the CLI contract (DESIGN section 7). Every error a user can cause is one
 * of these typed errors; `main` turns it into one line on stderr and `process.exitCode`.
 */
export const ExitCode = {
  ok: 0,
  findingsAtOrAboveFailOn: 1,
  usageOrInput: 2,
  couldNotScan: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.usageOrInput) {
    super(message);
    this.name = "UserError";
    this.exitCode = exitCode;
  }
}

/** Bad flags, a bad snapshot, suppressions or config file: exit 2. */
export class InputError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.usageOrInput);
    this.name = "InputError";
  }
}

/** No credentials, no reachable region: nothing could be scanned, exit 3. */
export class ScanImpossibleError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.couldNotScan);
    this.name = "ScanImpossibleError";
  }
}
