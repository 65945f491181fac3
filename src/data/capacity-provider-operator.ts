/**
 * AWS's managed policy for the operator role of a Lambda Managed Instances capacity provider: what a
 * capacity provider needs to manage its EC2 instances, and so the most its operator role should hold.
 *
 * Source: AWS Managed Policy reference, AWSLambdaManagedEC2ResourceOperator, version v1, created and
 * last edited 2025-11-30 08:34 UTC
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaManagedEC2ResourceOperator.html);
 * the role's trust: lambda.amazonaws.com
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html).
 * Retrieved 2026-11-30. AWS may publish a new version: a role that holds the new version's extra
 * actions through the managed policy itself is compared against this copy, so update it with AWS's.
 */
export const OPERATOR_POLICY_AS_OF = "2026-11-30";
export const OPERATOR_POLICY_ARN = "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator";
export const OPERATOR_POLICY_NAME = "AWSLambdaManagedEC2ResourceOperator";
export const OPERATOR_POLICY_SOURCE = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaManagedEC2ResourceOperator.html";

export const OPERATOR_POLICY_DOCUMENT = Object.freeze({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateTags", "ec2:AttachNetworkInterface"],
      Resource: ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:volume/*"],
      Condition: { StringEquals: { "ec2:ManagedResourceOperator": "scaler.lambda.amazonaws.com" } },
    },
    {
      Effect: "Allow",
      Action: [
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
      ],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateNetworkInterface"],
      Resource: ["arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:security-group/*"],
    },
    {
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: "arn:aws:ec2:*:*:image/*",
      Condition: { StringEquals: { "ec2:Owner": "amazon" } },
    },
  ],
});
