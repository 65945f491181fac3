import { isInlineSecretByName } from "../snapshot/secrets.js";
import type { ClassifiedValue } from "../snapshot/schema.js";

/**
 * Environment variables and stage variables are judged by one rule set (src/snapshot/secrets.ts):
 * a value the collector recognised as a credential, then a value inline under a secret's name.
 * References to a secret store are neither.
 */
export interface InlineSecrets {
  /** Values recognised as credentials, with the kinds found (and, for lower confidence, why). */
  recognised: { key: string; secretKinds: string[] }[];
  /** Values under a name that announces a secret, long enough to be one. */
  namedAsSecret: { key: string; valueLength: number }[];
}

export function inlineSecrets(variables: readonly ClassifiedValue[]): InlineSecrets {
  const held = variables.filter((variable) => variable.isReference !== true);
  return {
    recognised: held.filter((variable) => variable.secretKinds.length > 0).map((variable) => ({ key: variable.key, secretKinds: variable.secretKinds })),
    namedAsSecret: held
      .filter((variable) => variable.secretKinds.length === 0 && isInlineSecretByName(variable))
      .map((variable) => ({ key: variable.key, valueLength: variable.valueLength })),
  };
}
