import check from "../../checks/layer-version-public.js";
import { describeCheckCases } from "../support/check-cases.js";
import { snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT, REGION } from "./builders.js";

const arn = "arn:aws:lambda:eu-west-1:111122223333:layer:shared-lib:3";
const layerWith = (policy: Record<string, unknown> | null | undefined) => snapshotWith({ layerVersions: [{ arn, region: REGION, policy }] });
const share = (Principal: unknown, Condition?: unknown) =>
  layerWith({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:GetLayerVersion", Resource: arn, Principal, ...(Condition ? { Condition } : {}) }] });

describeCheckCases(check, [
  { name: "not shared", snapshot: layerWith(null), expect: { status: "pass", reason: "noLayerPolicy" } },
  { name: "shared with one account", snapshot: share({ AWS: OTHER_ACCOUNT }), expect: { status: "pass", reason: "layerNotPublic" } },
  { name: "shared with the organisation", snapshot: share("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }), expect: { status: "pass", reason: "layerNotPublic" } },
  { name: "shared with everyone", snapshot: share("*"), expect: { status: "fail", reason: "layerSharedPublicly", evidence: { statements: [{ classification: "public" }] } } },
  { name: "policy not read", snapshot: layerWith(undefined), expect: { status: "unknown", reason: "policyNotRead" } },
]);
