import { TOOL } from "../package-info.js";
import { COMMANDS } from "./commands/index.js";
import type { Command } from "./commands/types.js";
import { specsFor } from "./options.js";

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `lambda-posture ${TOOL.version}: read-only security posture of the AWS Lambda estate of an account`,
    "",
    "Usage: lambda-posture <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `lambda-posture <command> --help` for its options. `--version` prints the version.",
    "Exit codes: 0 done, nothing at or above --fail-on; 1 findings at or above --fail-on (or --fail-on-new);",
    "            2 usage or input error; 3 could not scan at all (no credentials, no function inventory readable);",
    "            4 --fail-on-gaps and some read failed; 130/143 interrupted by SIGINT/SIGTERM.",
    "",
  ].join("\n");
}

export function commandHelp(command: Command): string {
  const specs = specsFor(command.name);
  const labels = specs.map((spec) => `${spec.short ? `-${spec.short}, ` : "    "}--${spec.flag}${spec.valueName ? ` ${spec.valueName}` : ""}`);
  const width = Math.max(...labels.map((label) => label.length));
  return [
    `lambda-posture ${command.name}: ${command.summary}`,
    "",
    `Usage: lambda-posture ${command.usage}`,
    ...(command.details ? ["", command.details] : []),
    "",
    "Options:",
    // A variable is shown only where it applies: flag-only commands ignore it.
    ...specs.map((spec, i) => {
      const variable = spec.env && !spec.flagOnlyFor?.includes(command.name) ? ` [${spec.env}]` : "";
      const line = `  ${labels[i]!.padEnd(width)}  ${spec.description}${variable}`;
      // Every enumerated value is named in --help, so nobody has to provoke an error to learn them.
      return spec.key === "format" && command.formats ? `${line}\n  ${" ".repeat(width)}  formats: ${command.formats.join(", ")}` : line;
    }),
    "",
    "Options are read from flags, then LAMBDA_POSTURE_* variables, then the config file.",
    "",
  ].join("\n");
}
