import { TOOL } from "../../package-info.js";
import { InputError } from "../errors.js";
import { documentPath, writeDocumentFile } from "../write-document.js";
import type { Command } from "./types.js";

const PERMISSIONS_FORMATS = ["policy", "cloudformation"] as const;
type PermissionsFormat = (typeof PERMISSIONS_FORMATS)[number];

const isPermissionsFormat = (format: string): format is PermissionsFormat => (PERMISSIONS_FORMATS as readonly string[]).includes(format);

export const permissionsCommand: Command = {
  name: "permissions",
  summary: "Print the minimal read-only IAM policy the scanner needs, or a member-account role template",
  usage: "permissions [--format policy|cloudformation] [--partition aws|aws-cn|aws-us-gov] [--output FILE]",
  details:
    "Generated from the same allow-list that the scanner's clients enforce, so it can never drift.\n" +
    "--format policy (the default) prints the IAM policy; --format cloudformation prints a CloudFormation\n" +
    "template (JSON) of the read-only role an organisation scan assumes, to deploy to every member account\n" +
    "as a service-managed StackSet. Example:\n" +
    "  lambda-posture permissions --format cloudformation --output lambda-posture-member-role.json\n" +
    "See docs/permissions.md for what each permission is for and how to roll the role out.",
  formats: PERMISSIONS_FORMATS,
  async run(options, io) {
    if (options.positionals.length > 0) throw new InputError(`unexpected argument ${options.positionals[0]}`);
    if (options.format.length > 1) throw new InputError("permissions writes one --format at a time");
    const format = options.format[0] ?? "policy";
    if (!isPermissionsFormat(format)) throw new InputError(`--format: permissions writes ${PERMISSIONS_FORMATS.join(" or ")}, not ${format}`);
    const partition = options.partition;
    if (partition !== undefined && !/^aws(-[a-z]+)*$/.test(partition)) {
      throw new InputError(`--partition: ${partition} is not an AWS partition such as aws or aws-cn`);
    }
    if (partition !== undefined && format === "cloudformation") {
      throw new InputError("--partition applies to --format policy: the template takes its partition from the stack (AWS::Partition)");
    }
    const path = await documentPath(options.output, io);

    // The two modules, not src/aws/index.ts: printing a policy needs no AWS SDK client loaded.
    const document =
      format === "cloudformation"
        ? (await import("../../aws/member-role-template.js")).buildMemberRoleTemplate(TOOL.version)
        : (await import("../../aws/allow-list.js")).buildPermissionsPolicy(partition ?? "aws");
    const content = `${JSON.stringify(document, null, 2)}\n`;
    if (path === undefined) io.stdout.write(content);
    else await writeDocumentFile(path, content, io, options.quiet);
    return 0;
  },
};
