import check from "../../checks/api-stage-variables-secret-plaintext.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  {
    name: "plain configuration variables",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { variables: [{ key: "alias", valueLength: 4, secretKinds: [] }] } })] }),
    expect: { status: "pass", reason: "noSecretsInStageVariables" },
  },
  {
    name: "a reference to Secrets Manager",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn, { stage: { variables: [{ key: "dbSecret", valueLength: 80, secretKinds: ["aws-secret-access-key"], isReference: true }] } })] }),
    expect: { status: "pass", reason: "noSecretsInStageVariables" },
  },
  {
    name: "a credential in a stage variable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { variables: [{ key: "backendToken", valueLength: 40, secretKinds: ["github-token"] }] } })] }),
    expect: { status: "fail", reason: "secretInStageVariable", evidence: { variables: [{ key: "backendToken", secretKinds: ["github-token"] }] } },
  },
  {
    name: "an inline value under a secret's name, by the same rule as environment variables",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { variables: [{ key: "dbPassword", valueLength: 24, secretKinds: [] }] } })] }),
    expect: { status: "fail", reason: "secretNamedVariable", evidence: { variables: [{ key: "dbPassword", valueLength: 24 }] } },
  },
  {
    name: "a short value under a secret's name is a placeholder, not a secret",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { variables: [{ key: "dbPassword", valueLength: 3, secretKinds: [] }] } })] }),
    expect: { status: "pass", reason: "noSecretsInStageVariables" },
  },
  {
    name: "variables not read",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { variables: undefined } })] }),
    expect: { status: "unknown", reason: "variablesNotRead" },
  },
]);
