import { CAPACITY_PROVIDER_REASONS, defineCheck, fail, pass, unknown, type LambdaFunction, type SnapshotView } from "../src/engine/check-kit.js";

/** true / false, or undefined when the data that decides it was not read. */
interface Trust {
  /** Reachable from the internet: a public resource policy on the function, an alias or a version, or an API route without authorization. */
  exposed: boolean | undefined;
  /** Its role can do anything, or read data stores and secrets on every resource. */
  privileged: boolean | undefined;
  readonly why: readonly string[];
}

/**
 * Each function's trust, once per view: an exposed or privileged function judges every other tenant of
 * its provider, so without it a provider of N such functions costs N² judgements (a fifth of `check`'s
 * evaluation time at 10,000 functions). Keyed by the view, so a new evaluation starts afresh.
 */
const trustByView = new WeakMap<SnapshotView, Map<LambdaFunction, Trust>>();

function trustOf(fn: LambdaFunction, view: SnapshotView): Trust {
  let known = trustByView.get(view);
  if (!known) {
    known = new Map();
    trustByView.set(view, known);
  }
  let trust = known.get(fn);
  if (!trust) {
    trust = judgeTrust(fn, view);
    known.set(fn, trust);
  }
  return trust;
}

function judgeTrust(fn: LambdaFunction, view: SnapshotView): Trust {
  const why: string[] = [];
  let exposed: boolean | undefined = false;
  for (const target of view.invokeTargetsOf(fn)) {
    const policy = view.functionPolicy(target);
    if (policy.ok && policy.value.summary.isPubliclyInvokable) {
      exposed = true;
      why.push(`${target.name} is publicly invokable`);
    } else if (!policy.ok && policy.result.status === "unknown" && exposed === false) exposed = undefined;
  }
  const openRoutes = view.apiRoutesOf(fn).filter((route) => route.authorizationType === "NONE" && !route.apiKeyRequired);
  if (openRoutes.length > 0) {
    exposed = true;
    why.push(`${openRoutes.length} API route(s) without authorization`);
  }
  const role = view.roleOf(fn);
  const permissions = role ? view.rolePermissions(role.role) : undefined;
  let privileged: boolean | undefined;
  if (permissions?.ok) {
    privileged = permissions.value.isAdmin || permissions.value.dataExfiltrationOnAnyResource.length > 0;
    if (permissions.value.isAdmin) why.push("its role is an administrator");
    else if (permissions.value.dataExfiltrationOnAnyResource.length > 0) why.push("its role reads data stores or secrets on every resource");
  }
  return { exposed, privileged, why };
}

export default defineCheck({
  id: "function-capacity-provider-mixed-trust",
  title: "Functions on one capacity provider are equally trusted",
  severity: "high",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["SC-39", "AC-4", "SC-7"],
    owaspServerless: ["SAS-3", "SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "On Lambda Managed Instances the capacity provider, not the container, is the security boundary: " +
    "\"containers do not provide security isolation between workloads. All functions assigned to the same " +
    "capacity provider must be mutually trusted\" (AWS, Lambda Managed Instances security). A function " +
    "reachable from the internet on the same instances as one whose role is an administrator or reads every " +
    "data store hands an attacker who breaks the first a path to the second's credentials and memory.",
  remediation:
    "Move the internet-facing function and the privileged one to separate capacity providers (one per trust " +
    "level), and limit lambda:PassCapacityProvider so that untrusted code cannot be placed on a trusted " +
    "provider: Lambda console > Capacity providers > Create, then function > Configuration > Capacity " +
    "provider, or `aws lambda create-capacity-provider --capacity-provider-name internet-facing ...` and " +
    "`aws lambda update-function-configuration --function-name NAME --capacity-provider-config " +
    "LambdaManagedInstancesCapacityProviderConfig={CapacityProviderArn=PROVIDER_ARN}`.",
  requires: [
    "lambda:ListFunctions",
    "lambda:GetCapacityProvider",
    "lambda:GetPolicy",
    "iam:GetRole",
    "iam:ListAttachedRolePolicies",
    "iam:GetPolicyVersion",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
  ],
  limitations:
    "Exposure is a public resource policy (on the function, an alias or a version an alias points to) or an " +
    "API route without authorization; privilege is an administrator role or one that reads data stores and " +
    "secrets on every resource. Other differences of trust (data classification, tenants) are not visible. " +
    "A function is placed by its unqualified configuration; published versions on another provider are not " +
    "seen. Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-security.html " +
    "(retrieved 2026-11-30).",
  reasons: {
    ...CAPACITY_PROVIDER_REASONS,
    exposedBesidePrivileged: "The function is reachable from the internet and shares its capacity provider with {counterpart}, whose role is privileged.",
    privilegedBesideExposed: "The function's role is privileged and it shares its capacity provider with {counterpart}, which is reachable from the internet.",
    trustNotJudged: "Whether the function or the functions beside it are exposed or privileged could not be judged.",
    tenantListIncomplete: "Functions could not be listed in the region, so other functions on the capacity provider may be missing.",
    trustUniform: "No function on the capacity provider is reachable from the internet while another is privileged.",
  },
  evaluate(fn, view) {
    const provider = view.surface.capacityProviderOf(fn);
    if (!provider.ok) return provider.result;
    const self = trustOf(fn, view);
    const tenants = view.surface.functionsOn(provider.value.arn).filter((other) => other.arn !== fn.arn);
    // The others' trust decides nothing when this function is neither exposed nor privileged (nor
    // possibly either): judging every tenant for every tenant would grow with the square of them.
    const others = self.exposed === false && self.privileged === false ? [] : tenants.map((other) => ({ fn: other, trust: trustOf(other, view) }));
    const evidence = { capacityProviderArn: provider.value.arn, function: { exposed: self.exposed ?? null, privileged: self.privileged ?? null, why: self.why } };
    const counterpart = (other: (typeof others)[number]) => ({ arn: other.fn.arn, name: other.fn.name, why: other.trust.why });
    if (self.exposed) {
      const privileged = others.find((other) => other.trust.privileged === true);
      if (privileged) return fail("exposedBesidePrivileged", { ...evidence, counterpart: counterpart(privileged) }, { counterpart: privileged.fn.name });
    }
    if (self.privileged) {
      const exposed = others.find((other) => other.trust.exposed === true);
      if (exposed) return fail("privilegedBesideExposed", { ...evidence, counterpart: counterpart(exposed) }, { counterpart: exposed.fn.name });
    }
    const undecided =
      (self.exposed !== false && others.some((other) => other.trust.privileged !== false)) ||
      (self.privileged !== false && others.some((other) => other.trust.exposed !== false));
    if (undecided && (self.exposed === undefined || self.privileged === undefined || others.some((other) => other.trust.exposed === undefined || other.trust.privileged === undefined))) {
      return unknown("trustNotJudged", { ...evidence, otherFunctions: tenants.map((other) => other.arn) });
    }
    if (view.snapshot.gaps.some((gap) => gap.service === "lambda" && gap.operation === "ListFunctions" && gap.region === fn.region && gap.resourceArn === undefined)) {
      return unknown("tenantListIncomplete", evidence);
    }
    return pass("trustUniform", { ...evidence, otherFunctions: tenants.map((other) => other.arn) });
  },
});
