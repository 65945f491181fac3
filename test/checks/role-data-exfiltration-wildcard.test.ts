import check from "../../checks/role-data-exfiltration-wildcard.js";
import { describeCheckCases } from "../support/check-cases.js";

import { roleSnapshots } from "./builders.js";

const { least, withInline, managedNotRead } = roleSnapshots;

describeCheckCases(check, [
  { name: "reads scoped to one table", snapshot: least(), expect: { status: "pass", reason: "dataReadsScoped" } },
  { name: "GetSecretValue on one secret", snapshot: withInline({ Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf" }), expect: { status: "pass", reason: "dataReadsScoped" } },
  {
    name: "GetSecretValue on *",
    snapshot: withInline({ Action: "secretsmanager:GetSecretValue", Resource: "*" }),
    expect: { status: "fail", reason: "dataReadOnAnyResource", evidence: { capabilities: [{ action: "secretsmanager:GetSecretValue" }] } },
  },
  { name: "s3:Get* on *", snapshot: withInline({ Action: "s3:Get*", Resource: "*" }), expect: { status: "fail", reason: "dataReadOnAnyResource" } },
  // Per (action, resource): the objects of one bucket are not every object.
  { name: "GetObject on one bucket's objects", snapshot: withInline({ Action: ["s3:GetObject", "iam:PassRole"], Resource: ["arn:aws:s3:::exports/*", "arn:aws:iam::111122223333:role/worker"] }), expect: { status: "pass", reason: "dataReadsScoped" } },
  {
    name: "every secret of the account names the scope",
    snapshot: withInline({ Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*" }),
    expect: { status: "fail", reason: "dataReadOnAnyResource", evidence: { capabilities: [{ everyResourceIn: ["account 111122223333, region eu-west-1"] }] } },
  },
  { name: "policies not read", snapshot: managedNotRead(), expect: { status: "unknown", reason: "policiesNotRead" } },
]);
