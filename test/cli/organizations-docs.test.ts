import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { resolveOptions } from "../../src/cli/options.js";
import { ROOT } from "../support/cli.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * The job definitions in docs/organizations.md, parsed as their schedulers parse them, with their
 * placeholders resolved and their command lines run through the CLI's own option parser (scans with
 * --dry-run), so that an option renamed or a value the parser refuses breaks this test, not a deploy.
 */
const NO_AWS = { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "eu-west-1", AWS_EC2_METADATA_DISABLED: "true" };

async function examples(): Promise<Map<string, { language: string; text: string }>> {
  const markdown = await readFile(join(ROOT, "docs", "organizations.md"), "utf8");
  const found = new Map<string, { language: string; text: string }>();
  for (const match of markdown.matchAll(/^```(json|yaml) example=([\w-]+)\n([\s\S]*?)^```$/gm)) {
    found.set(match[2] as string, { language: match[1] as string, text: match[3] as string });
  }
  return found;
}

type Value = string | number | Value[];

/**
 * The few Amazon States Language intrinsic functions the examples use (States.Array, States.Format,
 * States.ArrayLength), string literals and paths: enough to turn `Command.$` into the argv ECS runs.
 */
function evaluateIntrinsic(expression: string, paths: Record<string, Value>): Value {
  let position = 0;
  const skipSpaces = () => {
    while (expression[position] === " ") position += 1;
  };
  const parseValue = (depth: number): Value => {
    if (depth > 10) throw new Error("intrinsic functions nest deeper than Step Functions allows");
    skipSpaces();
    if (expression[position] === "'") {
      const end = expression.indexOf("'", position + 1);
      const literal = expression.slice(position + 1, end);
      position = end + 1;
      return literal;
    }
    const name = /^[\w.$]+/.exec(expression.slice(position))?.[0] ?? "";
    position += name.length;
    if (name.startsWith("$")) {
      if (!(name in paths)) throw new Error(`unknown path ${name}`);
      return paths[name] as Value;
    }
    if (expression[position] !== "(") throw new Error(`expected ( after ${name} at ${position}`);
    position += 1;
    const args: Value[] = [];
    skipSpaces();
    while (expression[position] !== ")") {
      args.push(parseValue(depth + 1));
      skipSpaces();
      if (expression[position] === ",") position += 1;
      else if (expression[position] !== ")") throw new Error(`expected , or ) at ${position}`);
    }
    position += 1;
    if (name === "States.Array") return args;
    if (name === "States.ArrayLength") return (args[0] as Value[]).length;
    if (name === "States.Format") {
      const [template, ...values] = args as [string, ...Value[]];
      let index = 0;
      return template.replace(/\{\}/g, () => String(values[index++]));
    }
    throw new Error(`intrinsic function ${name} is not modelled here`);
  };
  const value = parseValue(0);
  if (position !== expression.length) throw new Error(`trailing text at ${position}`);
  return value;
}

function commandsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) commandsIn(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "Command.$" && typeof value === "string") found.push(value);
      else commandsIn(value, found);
    }
  }
  return found;
}

async function expectScanPlan(argv: string[], env: Record<string, string>): Promise<string> {
  expect(argv[0]).toBe("scan");
  const run = await runCliInProcess([...argv, "--dry-run"], { env: { ...NO_AWS, ...env } });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

async function expectMergeParses(argv: string[]): Promise<void> {
  expect(argv[0]).toBe("merge");
  const options = await resolveOptions("merge", argv.slice(1), {}, ROOT);
  expect(options.positionals).toHaveLength(1);
  expect(options.outputDir).toBeDefined();
  // Run for real on an empty directory: the options are accepted and the input is what is missing.
  const empty = await mkdtemp(join(tmpdir(), "lambda-posture-docs-"));
  const run = await runCliInProcess(["merge", empty, ...argv.slice(2)], { env: NO_AWS });
  expect(run.stderr).toContain("no organisation result");
  expect(run.code).toBe(2);
}

describe("docs/organizations.md examples", () => {
  it("has the five examples", async () => {
    expect([...(await examples()).keys()].sort()).toEqual(["batch-merge", "batch-scan", "kubernetes-merge", "kubernetes-scan", "step-functions"]);
  });

  it("AWS Batch: the array job's command is a valid shard of a scan, the merge's a valid merge", async () => {
    const found = await examples();
    const scan = JSON.parse(found.get("batch-scan")?.text ?? "") as { containerProperties: { command: string[] }; parameters: Record<string, string> };
    const argv = scan.containerProperties.command.map((arg) => arg.replaceAll("Ref::runId", "20261201T020000Z"));
    const plan = await expectScanPlan(argv, { AWS_BATCH_JOB_ARRAY_INDEX: "3" });
    expect(plan).toContain("shard: 4 of 4");
    expect(plan).toContain("/reports/20261201T020000Z/lambda-posture-organization-");
    const merge = JSON.parse(found.get("batch-merge")?.text ?? "") as { containerProperties: { command: string[] } };
    await expectMergeParses(merge.containerProperties.command.map((arg) => arg.replaceAll("Ref::runId", "20261201T020000Z")));
  });

  it("Kubernetes: the Indexed Job's args are a valid shard of a scan, the merge Job's a valid merge", async () => {
    const found = await examples();
    type Job = { spec: { completions?: number; template: { spec: { containers: { args: string[]; env?: { name: string; value: string }[] }[] } } } };
    const expand = (job: Job) => {
      const container = job.spec.template.spec.containers[0]!;
      const env = Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value]));
      // Kubernetes expands $(VAR) in args from the container's environment.
      return container.args.map((arg) => String(arg).replace(/\$\((\w+)\)/g, (_, name: string) => env[name] ?? `$(${name})`));
    };
    const scan = parseYaml(found.get("kubernetes-scan")?.text ?? "") as Job;
    const argv = expand(scan);
    expect(argv).toContain(`auto/${scan.spec.completions}`);
    const plan = await expectScanPlan(argv, { JOB_COMPLETION_INDEX: "0" });
    expect(plan).toContain("shard: 1 of 4");
    await expectMergeParses(expand(parseYaml(found.get("kubernetes-merge")?.text ?? "") as Job));
  });

  it("Step Functions: each shard's Command.$ evaluates to a valid scan of its slice, the merge's to a valid merge", async () => {
    const found = await examples();
    const machine = JSON.parse(found.get("step-functions")?.text ?? "") as { States: Record<string, unknown> };
    const [scanExpression, mergeExpression] = commandsIn(machine.States);
    const shards = [1, 2, 3, 4];
    for (const shard of shards) {
      const paths = { "$.shard": shard, "$.count": evaluateIntrinsic("States.ArrayLength($.shards)", { "$.shards": shards }), "$.runId": "exec-1" };
      const argv = evaluateIntrinsic(scanExpression as string, paths) as string[];
      expect(await expectScanPlan(argv, {})).toContain(`shard: ${shard} of 4`);
    }
    await expectMergeParses(evaluateIntrinsic(mergeExpression as string, { "$$.Execution.Name": "exec-1" }) as string[]);
  });
});
