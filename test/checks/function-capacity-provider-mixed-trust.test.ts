import check from "../../checks/function-capacity-provider-mixed-trust.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { ACCOUNT_ID, ADMIN_POLICY, BASIC_EXECUTION_POLICY, capacityProvider, functionArn, onProvider, roleWith } from "./builders.js";

const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/admin-role`;
const publicPolicy = (name: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: functionArn(name) }],
});
const webhook = (overrides = {}) => secureFunction(onProvider({ name: "webhook", resourcePolicy: publicPolicy("webhook"), ...overrides }));
const adminFn = (overrides = {}) => secureFunction(onProvider({ name: "admin-job", role: ADMIN_ROLE, ...overrides }));
const roles = [roleWith(), roleWith({ arn: ADMIN_ROLE, name: "admin-role", attachedPolicyArns: [ADMIN_POLICY.arn], inlinePolicies: [] })];
const shared = (functions: ReturnType<typeof secureFunction>[], extra = {}) =>
  snapshotWith({ functions, roles, managedPolicies: [BASIC_EXECUTION_POLICY, ADMIN_POLICY], capacityProviders: [capacityProvider()], ...extra });

describeCheckCases(check, [
  {
    name: "two private, scoped functions share the provider",
    snapshot: shared([secureFunction(onProvider()), secureFunction(onProvider({ name: "worker" }))]),
    resourceArn: functionArn("fixture-function"),
    expect: { status: "pass", reason: "trustUniform" },
  },
  {
    name: "a public function beside an administrator",
    snapshot: shared([webhook(), adminFn()]),
    resourceArn: functionArn("webhook"),
    expect: { status: "fail", reason: "exposedBesidePrivileged", evidence: { counterpart: { arn: functionArn("admin-job") } } },
  },
  {
    name: "an administrator beside a public function",
    snapshot: shared([webhook(), adminFn()]),
    resourceArn: functionArn("admin-job"),
    expect: { status: "fail", reason: "privilegedBesideExposed", evidence: { counterpart: { arn: functionArn("webhook") } } },
  },
  {
    name: "a public function and an administrator on different providers",
    snapshot: shared([webhook(), adminFn({ capacityProviderConfig: null })]),
    resourceArn: functionArn("webhook"),
    expect: { status: "pass", reason: "trustUniform" },
  },
  {
    name: "a public function beside one whose role was not read",
    snapshot: shared([webhook(), adminFn({ role: `arn:aws:iam::${ACCOUNT_ID}:role/unread` })]),
    resourceArn: functionArn("webhook"),
    expect: { status: "unknown", reason: "trustNotJudged" },
  },
  {
    name: "the region's function list is incomplete",
    snapshot: shared([secureFunction(onProvider())], { gaps: [{ service: "lambda", operation: "ListFunctions", region: "eu-west-1", errorCode: "ServiceException", message: "x" }] }),
    expect: { status: "unknown", reason: "tenantListIncomplete" },
  },
  { name: "not on a capacity provider", snapshot: shared([secureFunction({ capacityProviderConfig: null })]), expect: { status: "not_applicable", reason: "notOnCapacityProvider" } },
  { name: "provider not read", snapshot: shared([secureFunction(onProvider())], { capacityProviders: [] }), expect: { status: "unknown", reason: "capacityProviderNotRead" } },
  { name: "configuration not read", snapshot: shared([secureFunction()]), expect: { status: "unknown", reason: "capacityProviderConfigNotRead" } },
]);
