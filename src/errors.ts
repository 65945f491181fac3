/**
 * The errors a user can cause, for every layer of the library. They carry no exit code: only
 * src/cli maps them to one (DESIGN section 7), so the library can be embedded without the CLI.
 */

/** An error with a message written for the person who ran the scan: one line, no stack needed. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** Bad flags or values, an unreadable or invalid snapshot, suppressions, baseline or config file. */
export class InputError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Nothing could be scanned: no credentials, no reachable region, no function inventory anywhere. */
export class ScanImpossibleError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ScanImpossibleError";
  }
}
