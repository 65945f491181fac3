import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, accessDenied, collect, configuration, countSent, mockFunctionPages, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();

const group = (name: string, extra: Record<string, unknown> = {}) => ({
  logGroupName: name,
  arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
  ...extra,
});

describe("collectLogGroups", () => {
  it("queries each function's log group by name prefix, including a custom one, and never lists the account", async () => {
    mockFunctionPages(mocks, [
      configuration("default-logs"),
      configuration("custom-logs", { LoggingConfig: { LogGroup: "/custom/app", LogFormat: "JSON" } }),
      configuration("no-logs"),
    ]);
    mocks.logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/aws/lambda/default-logs" }).resolves({
      logGroups: [group("/aws/lambda/default-logs", { retentionInDays: 30 }), group("/aws/lambda/default-logs-v2")],
    });
    mocks.logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/custom/app" }).resolves({
      logGroups: [group("/custom/app", { kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k` })],
    });
    const { snapshot } = await collect();
    const prefixes = mocks.logs.commandCalls(DescribeLogGroupsCommand).map((call) => call.args[0].input.logGroupNamePrefix);
    expect(prefixes.sort()).toEqual(["/aws/lambda/default-logs", "/aws/lambda/no-logs", "/custom/app"]);
    expect(snapshot.logGroups).toEqual([
      {
        name: "/aws/lambda/default-logs",
        region: REGION,
        arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/default-logs`,
        retentionInDays: 30,
        kmsKeyId: null,
      },
      expect.objectContaining({ name: "/custom/app", retentionInDays: null, kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k` }),
    ]);
    expect(snapshot.functions.find((fn) => fn.name === "custom-logs")?.loggingConfig).toEqual({ logGroup: "/custom/app", logFormat: "JSON" });
  });

  it("lists /aws/lambda/ page by page for many functions, keeping earlier pages when a later one fails", async () => {
    const configurations = Array.from({ length: 40 }, (_, index) => configuration(`fn-${String(index).padStart(2, "0")}`));
    mockFunctionPages(mocks, configurations);
    mocks.logs
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: configurations.slice(0, 20).map((cfg) => group(`/aws/lambda/${cfg.FunctionName}`)), nextToken: "t2" })
      .resolvesOnce({ logGroups: configurations.slice(20, 30).map((cfg) => group(`/aws/lambda/${cfg.FunctionName}`)), nextToken: "t3" })
      .rejectsOnce(accessDenied());
    const { snapshot } = await collect();
    expect(countSent(mocks, "logs:DescribeLogGroups")).toBe(3);
    for (const call of mocks.logs.commandCalls(DescribeLogGroupsCommand)) {
      expect(call.args[0].input.logGroupNamePrefix).toBe("/aws/lambda/");
    }
    expect(snapshot.logGroups).toHaveLength(30);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ service: "logs", operation: "DescribeLogGroups", partial: true })]);
  });

  it("records a denied query as a gap on the group's name, and leaves the list unread when nothing was answered", async () => {
    mockFunctionPages(mocks, [configuration("fn")]);
    mocks.logs.on(DescribeLogGroupsCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot).not.toHaveProperty("logGroups");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ service: "logs", operation: "DescribeLogGroups", resourceArn: "/aws/lambda/fn" }),
    ]);
  });
});

describe("collectVpcResources", () => {
  const vpc = (subnets: string[], groups: string[]) => ({ VpcId: "vpc-1", SubnetIds: subnets, SecurityGroupIds: groups });

  it("reads only the security groups and subnets of functions in a VPC, each once", async () => {
    mockFunctionPages(mocks, [
      configuration("in-vpc-1", { VpcConfig: vpc(["subnet-a", "subnet-b"], ["sg-1"]) }),
      configuration("in-vpc-2", { VpcConfig: vpc(["subnet-a"], ["sg-1", "sg-2"]) }),
      configuration("no-vpc", { VpcConfig: { VpcId: "", SubnetIds: [], SecurityGroupIds: [] } }),
    ]);
    mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: "sg-1",
          VpcId: "vpc-1",
          GroupName: "open",
          IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }] }],
        },
        {
          GroupId: "sg-2",
          VpcId: "vpc-1",
          IpPermissionsEgress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: "sg-9" }] }],
        },
      ],
    });
    mocks.ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: "subnet-a", VpcId: "vpc-1", AvailabilityZone: "eu-west-1a" },
        { SubnetId: "subnet-b", VpcId: "vpc-1", AvailabilityZone: "eu-west-1b" },
      ],
    });
    const { snapshot } = await collect();
    expect(countSent(mocks, "ec2:DescribeSecurityGroups")).toBe(1);
    expect(countSent(mocks, "ec2:DescribeSubnets")).toBe(1);
    expect(mocks.ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: "group-id", Values: ["sg-1", "sg-2"] },
    ]);
    expect(snapshot.functions.find((fn) => fn.name === "no-vpc")?.vpc).toBeNull();
    expect(snapshot.securityGroups).toEqual([
      {
        id: "sg-1",
        region: REGION,
        vpcId: "vpc-1",
        name: "open",
        egress: [
          { protocol: "-1", fromPort: null, toPort: null, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: ["::/0"], prefixListIds: [], securityGroupIds: [] },
        ],
      },
      {
        id: "sg-2",
        region: REGION,
        vpcId: "vpc-1",
        egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], securityGroupIds: ["sg-9"] }],
      },
    ]);
    expect(snapshot.subnets?.map((subnet) => subnet.availabilityZone)).toEqual(["eu-west-1a", "eu-west-1b"]);
  });

  it("makes no EC2 call when no function is in a VPC", async () => {
    mockFunctionPages(mocks, [configuration("plain")]);
    await collect();
    expect(countSent(mocks, "ec2:DescribeSecurityGroups") + countSent(mocks, "ec2:DescribeSubnets")).toBe(0);
  });

  it("records a gap for every id of a denied request", async () => {
    mockFunctionPages(mocks, [configuration("in-vpc", { VpcConfig: vpc(["subnet-a"], ["sg-1", "sg-2"]) })]);
    mocks.ec2.on(DescribeSecurityGroupsCommand).rejects(Object.assign(accessDenied(), { name: "UnauthorizedOperation" }));
    const { snapshot } = await collect();
    // Every request for security groups failed: not read (absent), not "none".
    expect(snapshot).not.toHaveProperty("securityGroups");
    // The subnets were asked for and answered (subnet-a is not there): read, and none.
    expect(snapshot.subnets).toEqual([]);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn, gap.errorCode])).toEqual([
      ["DescribeSecurityGroups", "sg-1", "UnauthorizedOperation"],
      ["DescribeSecurityGroups", "sg-2", "UnauthorizedOperation"],
    ]);
  });
});
