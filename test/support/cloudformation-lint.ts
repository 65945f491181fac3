/**
 * A small structural lint of a CloudFormation template (JSON), for the templates lambda-posture
 * generates: every Ref, Fn::GetAtt, Fn::Sub variable, Fn::If and Condition names something the
 * template declares (or a pseudo parameter), sections hold what they may, and each parameter's default
 * meets its own constraints. It answers a list of problems, each naming where it is; none means clean.
 * It does not know resource property schemas: that is what `aws cloudformation validate-template`
 * and cfn-lint are for.
 */

/** Pseudo parameters ("Pseudo parameters reference", AWS CloudFormation Template Reference). */
const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);
const SECTIONS = new Set([
  "AWSTemplateFormatVersion",
  "Description",
  "Metadata",
  "Parameters",
  "Rules",
  "Mappings",
  "Conditions",
  "Transform",
  "Resources",
  "Outputs",
]);
const PARAMETER_TYPES = new Set(["String", "Number", "List<Number>", "CommaDelimitedList"]);
/** Nested deeper than this is refused, not walked: templates are small, and the walk must end. */
const MAX_DEPTH = 64;

type Template = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const namesOf = (section: unknown): Set<string> => new Set(isObject(section) ? Object.keys(section) : []);

/** The `${Name}` and `${Name.Attribute}` variables of an Fn::Sub string (`${!Literal}` is not one). */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((match) => match[1] as string);
}

interface Scope {
  parameters: Set<string>;
  resources: Set<string>;
  conditions: Set<string>;
  /** In the Conditions section, Ref may only name parameters and Fn::If does not exist. */
  inConditions: boolean;
}

function lintValue(value: unknown, where: string, scope: Scope, problems: string[], depth: number): void {
  if (depth > MAX_DEPTH) {
    problems.push(`${where}: nested deeper than ${MAX_DEPTH}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => lintValue(item, `${where}[${index}]`, scope, problems, depth + 1));
    return;
  }
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  const fn = keys.length === 1 ? (keys[0] as string) : undefined;
  const argument = fn === undefined ? undefined : value[fn];
  if (fn === "Ref") {
    const name = String(argument);
    const known = scope.inConditions
      ? scope.parameters.has(name) || PSEUDO_PARAMETERS.has(name)
      : scope.parameters.has(name) || scope.resources.has(name) || PSEUDO_PARAMETERS.has(name);
    if (!known) problems.push(`${where}: Ref ${name} names no ${scope.inConditions ? "parameter" : "parameter or resource"}`);
    if (name === "AWS::NoValue" && !where.includes("Fn::If")) problems.push(`${where}: AWS::NoValue outside an Fn::If`);
    return;
  }
  if (fn === "Fn::GetAtt") {
    const [resource, attribute] = Array.isArray(argument) ? argument : String(argument).split(".");
    if (!scope.resources.has(String(resource))) problems.push(`${where}: Fn::GetAtt names no resource ${String(resource)}`);
    if (typeof attribute !== "string" || attribute === "") problems.push(`${where}: Fn::GetAtt without an attribute`);
    return;
  }
  if (fn === "Fn::Sub") {
    const text = Array.isArray(argument) ? argument[0] : argument;
    const variables = Array.isArray(argument) && isObject(argument[1]) ? new Set(Object.keys(argument[1])) : new Set<string>();
    if (typeof text !== "string") problems.push(`${where}: Fn::Sub without a string`);
    else {
      for (const variable of subVariables(text)) {
        const [name, attribute] = variable.split(".");
        const known =
          variables.has(variable) ||
          PSEUDO_PARAMETERS.has(variable) ||
          (attribute === undefined ? scope.parameters.has(name as string) || scope.resources.has(name as string) : scope.resources.has(name as string));
        if (!known) problems.push(`${where}: Fn::Sub variable \${${variable}} names nothing declared`);
      }
    }
    if (Array.isArray(argument) && isObject(argument[1])) lintValue(argument[1], `${where}.Fn::Sub`, scope, problems, depth + 1);
    return;
  }
  if (fn === "Fn::If") {
    if (scope.inConditions) problems.push(`${where}: Fn::If inside the Conditions section`);
    if (!Array.isArray(argument) || argument.length !== 3) problems.push(`${where}: Fn::If takes [condition, if true, if false]`);
    else {
      if (!scope.conditions.has(String(argument[0]))) problems.push(`${where}: Fn::If names no condition ${String(argument[0])}`);
      lintValue(argument[1], `${where}.Fn::If[1]`, scope, problems, depth + 1);
      lintValue(argument[2], `${where}.Fn::If[2]`, scope, problems, depth + 1);
    }
    return;
  }
  if (fn === "Condition" && typeof argument === "string") {
    if (!scope.conditions.has(argument)) problems.push(`${where}: Condition ${argument} is not declared`);
    return;
  }
  for (const key of keys) lintValue(value[key], `${where}.${key}`, scope, problems, depth + 1);
}

function lintParameters(parameters: unknown, problems: string[]): void {
  if (!isObject(parameters)) return;
  for (const [name, spec] of Object.entries(parameters)) {
    const where = `Parameters.${name}`;
    if (!isObject(spec)) {
      problems.push(`${where}: not an object`);
      continue;
    }
    if (!PARAMETER_TYPES.has(String(spec.Type)) && !String(spec.Type).startsWith("AWS::")) problems.push(`${where}: unknown Type ${String(spec.Type)}`);
    if (spec.Default === undefined) continue;
    const value = String(spec.Default);
    if (typeof spec.AllowedPattern === "string" && !new RegExp(spec.AllowedPattern).test(value)) {
      problems.push(`${where}: Default ${JSON.stringify(value)} does not match its AllowedPattern`);
    }
    if (spec.Type === "Number") {
      const number = Number(value);
      if (Number.isNaN(number)) problems.push(`${where}: Default is not a number`);
      if (spec.MinValue !== undefined && number < Number(spec.MinValue)) problems.push(`${where}: Default below MinValue`);
      if (spec.MaxValue !== undefined && number > Number(spec.MaxValue)) problems.push(`${where}: Default above MaxValue`);
    }
  }
}

/** Every problem found in `template`; an empty list when it is structurally sound. */
export function lintTemplate(document: object): string[] {
  const template = document as Template;
  const problems: string[] = [];
  for (const section of Object.keys(template)) if (!SECTIONS.has(section)) problems.push(`unknown top-level section ${section}`);
  if (!isObject(template.Resources) || Object.keys(template.Resources).length === 0) problems.push("Resources: a template needs at least one resource");
  const scope: Scope = {
    parameters: namesOf(template.Parameters),
    resources: namesOf(template.Resources),
    conditions: namesOf(template.Conditions),
    inConditions: false,
  };
  lintParameters(template.Parameters, problems);
  if (isObject(template.Conditions)) {
    for (const [name, body] of Object.entries(template.Conditions)) {
      lintValue(body, `Conditions.${name}`, { ...scope, inConditions: true }, problems, 0);
    }
  }
  for (const section of ["Resources", "Outputs"] as const) {
    const entries = template[section];
    if (!isObject(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      const where = `${section}.${name}`;
      if (!isObject(entry)) {
        problems.push(`${where}: not an object`);
        continue;
      }
      if (section === "Resources" && typeof entry.Type !== "string") problems.push(`${where}: no Type`);
      if (section === "Outputs" && entry.Value === undefined) problems.push(`${where}: no Value`);
      if (entry.Condition !== undefined && !scope.conditions.has(String(entry.Condition))) {
        problems.push(`${where}: Condition ${String(entry.Condition)} is not declared`);
      }
      const { Condition: _condition, ...rest } = entry;
      lintValue(rest, where, scope, problems, 0);
    }
  }
  return problems;
}
