import { InputError } from "../errors.js";
import type { Command } from "./types.js";

export const permissionsCommand: Command = {
  name: "permissions",
  summary: "Print the minimal read-only IAM policy the scanner needs",
  usage: "permissions [--partition aws|aws-cn|aws-us-gov]",
  details:
    "Generated from the same allow-list that the scanner's clients enforce, so it can never drift.\n" +
    "See docs/permissions.md for what each permission is for and which AWS managed policies cover it.",
  async run(options, io) {
    const partition = options.partition ?? "aws";
    if (!/^aws(-[a-z]+)*$/.test(partition)) throw new InputError(`--partition: ${partition} is not an AWS partition such as aws or aws-cn`);
    if (options.positionals.length > 0) throw new InputError(`unexpected argument ${options.positionals[0]}`);
    const { buildPermissionsPolicy } = await import("../../aws/allow-list.js");
    io.stdout.write(`${JSON.stringify(buildPermissionsPolicy(partition), null, 2)}\n`);
    return 0;
  },
};
