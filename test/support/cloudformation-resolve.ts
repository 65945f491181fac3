/**
 * Resolves a CloudFormation template the way a stack would, for the intrinsic functions lambda-posture's
 * templates use (Ref, Fn::Sub, Fn::If with AWS::NoValue, Fn::Equals, Fn::Not, Fn::Or, Fn::And,
 * Condition), so a test can read the policy a deployed stack would hold for given parameter values.
 * Parameter values are checked against AllowedPattern and MinValue/MaxValue, as CloudFormation does
 * before it creates anything. Fn::GetAtt stays as written (its value exists only once deployed).
 */

type Template = {
  Parameters?: Record<string, Record<string, unknown>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Properties?: Record<string, unknown> }>;
};

export interface StackContext {
  parameters: Record<string, string>;
  partition?: string;
  accountId?: string;
  region?: string;
}

/** Marks a value that AWS::NoValue removed, so its key or list item disappears. */
const REMOVED = Symbol("AWS::NoValue");
const MAX_DEPTH = 64;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parameterValues(template: Template, given: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
    const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default));
    if (value === undefined) throw new Error(`parameter ${name} has no value and no default`);
    if (typeof spec.AllowedPattern === "string" && !new RegExp(spec.AllowedPattern).test(value)) {
      throw new Error(`parameter ${name}: ${JSON.stringify(value)} does not match ${spec.AllowedPattern}`);
    }
    if (spec.MinValue !== undefined && Number(value) < Number(spec.MinValue)) throw new Error(`parameter ${name}: below MinValue`);
    if (spec.MaxValue !== undefined && Number(value) > Number(spec.MaxValue)) throw new Error(`parameter ${name}: above MaxValue`);
    values[name] = value;
  }
  for (const name of Object.keys(given)) if (!(name in values)) throw new Error(`the template declares no parameter ${name}`);
  return values;
}

export interface ResolvedStack {
  conditions: Record<string, boolean>;
  resolve(value: unknown): unknown;
}

export function resolveStack(template: Template, context: StackContext): ResolvedStack {
  const parameters = parameterValues(template, context.parameters);
  const pseudo: Record<string, string> = {
    "AWS::Partition": context.partition ?? "aws",
    "AWS::AccountId": context.accountId ?? "222222222222",
    "AWS::Region": context.region ?? "us-east-1",
  };
  const lookup = (name: string): string => {
    const value = parameters[name] ?? pseudo[name];
    if (value === undefined) throw new Error(`cannot resolve ${name}`);
    return value;
  };

  const conditions: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const condition = (name: string): boolean => {
    if (name in conditions) return conditions[name] as boolean;
    if (evaluating.has(name)) throw new Error(`condition ${name} refers to itself`);
    evaluating.add(name);
    const body = template.Conditions?.[name];
    if (body === undefined) throw new Error(`no condition ${name}`);
    conditions[name] = test(body);
    return conditions[name] as boolean;
  };
  const scalar = (value: unknown): string => {
    if (isObject(value) && "Ref" in value) return lookup(String(value.Ref));
    return String(value);
  };
  const test = (body: unknown): boolean => {
    if (!isObject(body)) throw new Error(`not a condition: ${JSON.stringify(body)}`);
    if ("Condition" in body) return condition(String(body.Condition));
    const args = Object.values(body)[0] as unknown[];
    if ("Fn::Equals" in body) return scalar(args[0]) === scalar(args[1]);
    if ("Fn::Not" in body) return !test(args[0]);
    if ("Fn::Or" in body) return args.some(test);
    if ("Fn::And" in body) return args.every(test);
    throw new Error(`unsupported condition function ${Object.keys(body)[0]}`);
  };
  for (const name of Object.keys(template.Conditions ?? {})) condition(name);

  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Error("template nested too deep");
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth + 1)).filter((item) => item !== REMOVED);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "Ref") return value.Ref === "AWS::NoValue" ? REMOVED : lookup(String(value.Ref));
    if (keys.length === 1 && keys[0] === "Fn::Sub") {
      return String(value["Fn::Sub"]).replace(/\$\{([^!}][^}]*)\}/g, (_match, name: string) => lookup(name));
    }
    if (keys.length === 1 && keys[0] === "Fn::If") {
      const [name, ifTrue, ifFalse] = value["Fn::If"] as [string, unknown, unknown];
      return resolve(condition(name) ? ifTrue : ifFalse, depth + 1);
    }
    if (keys.length === 1 && keys[0] === "Fn::GetAtt") return value;
    const resolved: Record<string, unknown> = {};
    for (const key of keys) {
      const item = resolve(value[key], depth + 1);
      if (item !== REMOVED) resolved[key] = item;
    }
    return resolved;
  };

  return { conditions, resolve: (value) => resolve(value, 0) };
}
