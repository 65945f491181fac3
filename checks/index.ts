import type { AnyCheck } from "../src/engine/check.js";
import functionRuntimeDeprecated from "./function-runtime-deprecated.js";
import functionTracingDisabled from "./function-tracing-disabled.js";
import functionUrlAuthNone from "./function-url-auth-none.js";

/**
 * Every check, listed explicitly (no file-system discovery): a test keeps this list and the
 * checks/ folder in step. Keep it sorted by id.
 */
export const ALL_CHECKS: readonly AnyCheck[] = Object.freeze([
  functionRuntimeDeprecated,
  functionTracingDisabled,
  functionUrlAuthNone,
] as AnyCheck[]);
