import { beforeAll, describe, expect, it } from "vitest";
import {
  analyseRolePermissions,
  loadActionCatalogue,
  type ActionCatalogue,
  type EscalationTargets,
  type RolePermissionAnalysis,
  type RolePolicyInput,
  type TargetVerdict,
} from "../../src/policy/index.js";
import { allow, OWN, policy, roleWith, type Statement } from "./support.js";

/**
 * Issue 11, class 3: escalation judged on its targets, with a resolver standing in for the view.
 */

const SELF = `arn:aws:iam::${OWN}:role/self`;
const WEAK = `arn:aws:iam::${OWN}:role/weak`;
const STRONG = `arn:aws:iam::${OWN}:role/strong`;
const OUTSIDE = `arn:aws:iam::${OWN}:role/not-in-snapshot`;
const FN_SELF = `arn:aws:lambda:eu-west-1:${OWN}:function:mine`;
const FN_STRONG = `arn:aws:lambda:eu-west-1:${OWN}:function:powerful`;
const FN_UNKNOWN_ROLE = `arn:aws:lambda:eu-west-1:${OWN}:function:role-not-read`;
const BOUNDARY = `arn:aws:iam::${OWN}:policy/boundary`;

const CREATE = allow({ Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" });
const LOGS = allow({ Action: "logs:*", Resource: "*" });

interface World {
  roles: Record<string, Statement[]>;
  boundaries?: Record<string, Statement[] | null>;
}

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

/** A resolver over a small world of roles, functions and boundaries; exact ARNs only, like the view. */
function resolver(world: World, self: string, analyse: (arn: string) => RolePermissionAnalysis | undefined): EscalationTargets {
  const functions: Record<string, string | undefined> = { [FN_SELF]: self, [FN_STRONG]: STRONG, [FN_UNKNOWN_ROLE]: undefined };
  return {
    roleArn: self,
    rolesMatching: (pattern) => (world.roles[pattern] === undefined ? undefined : [{ arn: pattern, analysis: () => analyse(pattern) }]),
    functionsMatching: (pattern) => (pattern in functions ? [{ arn: pattern, roleArn: functions[pattern] }] : undefined),
    boundaryOf: (arn) => {
      const boundary = world.boundaries?.[arn];
      if (boundary === undefined) return world.roles[arn] === undefined ? undefined : null;
      if (boundary === null) return null;
      return { arn: BOUNDARY, analysis: () => analyseRolePermissions(roleWith(...boundary), catalogue) };
    },
  };
}

/** Analyse `self` in a world where every role is analysed with the same resolver (so A→B→A is possible). */
function analyseIn(world: World, self = SELF): RolePermissionAnalysis {
  const cache = new Map<string, RolePermissionAnalysis>();
  const analyse = (arn: string): RolePermissionAnalysis | undefined => {
    const statements = world.roles[arn];
    if (statements === undefined) return undefined;
    const cached = cache.get(arn);
    if (cached) return cached;
    const boundary = world.boundaries?.[arn];
    const input: RolePolicyInput = { ...roleWith(...statements), permissionsBoundary: boundary ? { arn: BOUNDARY, document: policy(...boundary) } : null };
    const analysis = analyseRolePermissions(input, catalogue, { account: { accountId: OWN }, targets: resolver(world, arn, analyse) });
    cache.set(arn, analysis);
    return analysis;
  };
  const analysis = analyse(self);
  if (analysis === undefined) throw new Error("no such role");
  return analysis;
}

interface Case {
  name: string;
  rule: string;
  world: World;
  path: string;
  escalates: boolean;
  verdicts: TargetVerdict[];
}

const passTo = (...roles: string[]) => allow({ Action: "iam:PassRole", Resource: roles });

const cases: Case[] = [
  { name: "PassRole to itself", rule: "a function created with the caller's own role gains nothing", world: { roles: { [SELF]: [passTo(SELF), CREATE] } }, path: "pass-role-lambda-create-function", escalates: false, verdicts: ["self"] },
  { name: "PassRole to a weaker role", rule: "the passed role's permissions are what the new compute runs with", world: { roles: { [SELF]: [passTo(WEAK), CREATE, LOGS], [WEAK]: [allow({ Action: "logs:PutLogEvents", Resource: "*" })] } }, path: "pass-role-lambda-create-function", escalates: false, verdicts: ["holdsNoMore"] },
  { name: "PassRole to a stronger role", rule: "running as a role that holds more is escalation", world: { roles: { [SELF]: [passTo(STRONG), CREATE], [STRONG]: [allow({ Action: "*", Resource: "*" })] } }, path: "pass-role-lambda-create-function", escalates: true, verdicts: ["holdsMore"] },
  { name: "PassRole to a role outside the snapshot", rule: "an unresolved target keeps the path", world: { roles: { [SELF]: [passTo(OUTSIDE), CREATE] } }, path: "pass-role-lambda-create-function", escalates: true, verdicts: ["unresolved"] },
  { name: "PassRole on every role", rule: "every role of the account cannot be enumerated from the snapshot", world: { roles: { [SELF]: [allow({ Action: "iam:PassRole", Resource: "*" }), CREATE] } }, path: "pass-role-lambda-create-function", escalates: true, verdicts: ["unresolved"] },
  {
    name: "two roles that can pass each other (A→B→A)",
    rule: "comparing permissions never reads the other role's escalation paths: no recursion",
    world: { roles: { [SELF]: [passTo(SELF, WEAK), CREATE], [WEAK]: [passTo(SELF, WEAK), CREATE] } },
    path: "pass-role-lambda-create-function",
    escalates: false,
    verdicts: ["self", "holdsNoMore"],
  },
  { name: "UpdateFunctionConfiguration and PassRole to itself", rule: "pointing a function at the caller's own role gains nothing", world: { roles: { [SELF]: [passTo(SELF), allow({ Action: "lambda:UpdateFunctionConfiguration", Resource: "*" })] } }, path: "lambda-update-function-configuration-pass-role", escalates: false, verdicts: ["self"] },
  { name: "UpdateFunctionCode on its own function", rule: "code running as the caller's own role gains nothing", world: { roles: { [SELF]: [allow({ Action: "lambda:UpdateFunctionCode", Resource: FN_SELF })] } }, path: "lambda-update-function-code", escalates: false, verdicts: ["self"] },
  { name: "UpdateFunctionCode on a function with a stronger role", rule: "replaced code runs as the function's role", world: { roles: { [SELF]: [allow({ Action: "lambda:UpdateFunctionCode", Resource: FN_STRONG })], [STRONG]: [allow({ Action: "iam:*", Resource: "*" })] } }, path: "lambda-update-function-code", escalates: true, verdicts: ["holdsMore"] },
  { name: "UpdateFunctionCode on a function whose role was not read", rule: "an unresolved target keeps the path", world: { roles: { [SELF]: [allow({ Action: "lambda:UpdateFunctionCode", Resource: FN_UNKNOWN_ROLE })] } }, path: "lambda-update-function-code", escalates: true, verdicts: ["unresolved"] },
  {
    name: "AttachRolePolicy on itself under a boundary no wider than the role",
    rule: "a permissions boundary is the most identity policies can grant (IAM permissions boundaries)",
    world: { roles: { [SELF]: [allow({ Action: "iam:AttachRolePolicy", Resource: SELF }), LOGS] }, boundaries: { [SELF]: [allow({ Action: "iam:AttachRolePolicy", Resource: SELF }), LOGS] } },
    path: "attach-role-policy",
    escalates: false,
    verdicts: ["boundaryCaps"],
  },
  { name: "AttachRolePolicy on itself without a boundary", rule: "attaching AdministratorAccess takes effect", world: { roles: { [SELF]: [allow({ Action: "iam:AttachRolePolicy", Resource: SELF })] } }, path: "attach-role-policy", escalates: true, verdicts: ["unbounded"] },
  {
    name: "PutRolePolicy under a boundary the role may delete",
    rule: "iam:DeleteRolePermissionsBoundary removes the cap",
    world: { roles: { [SELF]: [allow({ Action: ["iam:PutRolePolicy", "iam:DeleteRolePermissionsBoundary"], Resource: SELF })] }, boundaries: { [SELF]: [allow({ Action: ["iam:PutRolePolicy", "iam:DeleteRolePermissionsBoundary"], Resource: SELF })] } },
    path: "put-role-policy",
    escalates: true,
    verdicts: ["boundaryRemovable"],
  },
  {
    name: "PutRolePolicy under a boundary wider than the role",
    rule: "a written policy can reach up to the boundary",
    world: { roles: { [SELF]: [allow({ Action: "iam:PutRolePolicy", Resource: SELF })] }, boundaries: { [SELF]: [allow({ Action: "*", Resource: "*" })] } },
    path: "put-role-policy",
    escalates: true,
    verdicts: ["holdsMore"],
  },
];

describe("class 3: escalation with targets", () => {
  it("has at least 10 distinct shapes", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("$name", (item) => {
    const analysis = analyseIn(item.world);
    const found = [...analysis.privilegeEscalationPaths, ...analysis.dismissedEscalationPaths].find((path) => path.id === item.path);
    expect(found, "the path's actions are granted").toBeDefined();
    expect(analysis.privilegeEscalationPaths.some((path) => path.id === item.path)).toBe(item.escalates);
    expect(found?.targets?.map((target) => target.verdict)).toEqual(item.verdicts);
  });

  it("without a resolver, paths are judged on actions and resources, as before", () => {
    const analysis = analyseRolePermissions(roleWith(passTo(SELF), CREATE), catalogue);
    expect(analysis.privilegeEscalationPaths.map((path) => path.id)).toEqual(["pass-role-lambda-create-function"]);
    expect(analysis.privilegeEscalationPaths[0]?.targets).toBeUndefined();
  });

  it("names what a stronger target holds beyond this role", () => {
    const analysis = analyseIn({ roles: { [SELF]: [passTo(STRONG), CREATE], [STRONG]: [allow({ Action: "s3:DeleteBucket", Resource: "*" })] } });
    expect(analysis.privilegeEscalationPaths[0]?.targets?.[0]).toMatchObject({ arn: STRONG, verdict: "holdsMore", detail: "s3:DeleteBucket on *" });
  });
});
