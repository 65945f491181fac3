/**
 * Framework controls that checks may cite. Every id in a check's `frameworks` must be here: the
 * check-index test fails otherwise, so a typo never reaches a compliance report.
 *
 * Sources (as of 2026-11):
 * - NIST SP 800-53 Rev. 5: https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final
 * - OWASP Serverless Top 10 (SAS-1..SAS-10): https://owasp.org/www-project-serverless-top-10/
 * - HIPAA Security Rule 45 CFR 164.312: https://www.ecfr.gov/current/title-45/part-164/section-164.312
 * - AWS Foundational Security Best Practices: https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html
 * - CIS AWS Compute Services Benchmark v1.x, section 4 (Lambda): https://www.cisecurity.org/benchmark/amazon_web_services
 */
export const FRAMEWORK_NAMES = {
  nist80053: "NIST SP 800-53 Rev. 5",
  owaspServerless: "OWASP Serverless Top 10",
  hipaa: "HIPAA 45 CFR 164.312",
  fsbp: "AWS Foundational Security Best Practices",
  cis: "CIS AWS Compute Services Benchmark",
} as const;
export type FrameworkKey = keyof typeof FRAMEWORK_NAMES;

export const FRAMEWORK_CONTROLS: Readonly<Record<FrameworkKey, Readonly<Record<string, string>>>> = {
  nist80053: {
    "AC-2": "Account Management",
    "AC-3": "Access Enforcement",
    "AC-4": "Information Flow Enforcement",
    "AC-6": "Least Privilege",
    "AC-6(1)": "Least Privilege | Authorize Access to Security Functions",
    "AC-6(9)": "Least Privilege | Log Use of Privileged Functions",
    "AC-6(10)": "Least Privilege | Prohibit Non-privileged Users from Executing Privileged Functions",
    "AC-17": "Remote Access",
    "AC-21": "Information Sharing",
    "AU-2": "Event Logging",
    "AU-3": "Content of Audit Records",
    "AU-6": "Audit Record Review, Analysis, and Reporting",
    "AU-9": "Protection of Audit Information",
    "AU-11": "Audit Record Retention",
    "AU-12": "Audit Record Generation",
    "CA-7": "Continuous Monitoring",
    "CM-2": "Baseline Configuration",
    "CM-3": "Configuration Change Control",
    "CM-6": "Configuration Settings",
    "CM-7": "Least Functionality",
    "CM-8": "System Component Inventory",
    "CM-14": "Signed Components",
    "CP-10": "System Recovery and Reconstitution",
    "IA-2": "Identification and Authentication (Organizational Users)",
    "IA-5": "Authenticator Management",
    "IA-9": "Service Identification and Authentication",
    "PM-5": "System Inventory",
    "RA-5": "Vulnerability Monitoring and Scanning",
    "SA-22": "Unsupported System Components",
    "SC-5": "Denial-of-Service Protection",
    "SC-7": "Boundary Protection",
    "SC-7(5)": "Boundary Protection | Deny by Default — Allow by Exception",
    "SC-8": "Transmission Confidentiality and Integrity",
    "SC-12": "Cryptographic Key Establishment and Management",
    "SC-13": "Cryptographic Protection",
    "SC-28": "Protection of Information at Rest",
    "SC-28(1)": "Protection of Information at Rest | Cryptographic Protection",
    "SI-2": "Flaw Remediation",
    "SI-4": "System Monitoring",
    "SI-7": "Software, Firmware, and Information Integrity",
    "SI-10": "Information Input Validation",
    "SI-11": "Error Handling",
    "SR-3": "Supply Chain Controls and Processes",
    "SR-4": "Provenance",
    "SR-11": "Component Authenticity",
  },
  owaspServerless: {
    "SAS-1": "Function Event-Data Injection",
    "SAS-2": "Broken Authentication",
    "SAS-3": "Insecure Serverless Deployment Configuration",
    "SAS-4": "Over-Privileged Function Permissions and Roles",
    "SAS-5": "Inadequate Function Monitoring and Logging",
    "SAS-6": "Insecure Third-Party Dependencies",
    "SAS-7": "Insecure Application Secrets Storage",
    "SAS-8": "Denial of Service and Financial Resource Exhaustion",
    "SAS-9": "Serverless Business Logic Manipulation",
    "SAS-10": "Improper Exception Handling and Verbose Error Messages",
  },
  hipaa: {
    "164.312(a)(1)": "Access control",
    "164.312(a)(2)(i)": "Unique user identification",
    "164.312(a)(2)(iv)": "Encryption and decryption",
    "164.312(b)": "Audit controls",
    "164.312(c)(1)": "Integrity",
    "164.312(c)(2)": "Mechanism to authenticate electronic protected health information",
    "164.312(d)": "Person or entity authentication",
    "164.312(e)(1)": "Transmission security",
    "164.312(e)(2)(i)": "Integrity controls",
    "164.312(e)(2)(ii)": "Encryption",
  },
  fsbp: {
    "Lambda.1": "Lambda function policies should prohibit public access",
    "Lambda.2": "Lambda functions should use supported runtimes",
    "Lambda.3": "Lambda functions should be in a VPC",
    "Lambda.5": "VPC Lambda functions should operate in multiple Availability Zones",
    "Lambda.6": "Lambda functions should be tagged",
    "Lambda.7": "Lambda functions should have AWS X-Ray active tracing enabled",
    "APIGateway.1": "API Gateway REST and WebSocket API execution logging should be enabled",
    "APIGateway.2": "API Gateway REST API stages should be configured to use SSL certificates for backend authentication",
    "APIGateway.3": "API Gateway REST API stages should have AWS X-Ray tracing enabled",
    "APIGateway.4": "API Gateway should be associated with a WAF Web ACL",
    "APIGateway.5": "API Gateway REST API cache data should be encrypted at rest",
    "APIGateway.8": "API Gateway routes should specify an authorization type",
    "APIGateway.9": "Access logging should be configured for API Gateway V2 Stages",
    "CloudWatch.16": "CloudWatch log groups should be retained for a specified time period",
    "IAM.1": "IAM policies should not allow full \"*\" administrative privileges",
    "IAM.21": "IAM customer managed policies that you create should not allow wildcard actions for services",
  },
  cis: {
    "4.1": "Ensure AWS Config is enabled for Lambda and serverless",
    "4.2": "Ensure CloudWatch Lambda Insights is enabled",
    "4.3": "Ensure AWS Secrets Manager is configured and being used by Lambda for databases",
    "4.4": "Ensure least privilege is used with Lambda function access",
    "4.5": "Ensure every Lambda function has its own IAM role",
    "4.6": "Ensure Lambda functions are not exposed to everyone",
    "4.7": "Ensure Lambda functions are referencing active execution roles",
    "4.8": "Ensure that code signing is enabled for Lambda functions",
    "4.9": "Ensure there are no Lambda functions with admin privileges within your AWS account",
    "4.10": "Ensure Lambda functions do not allow unknown cross-account access via permission policies",
    "4.11": "Ensure that the runtime environment versions used for your Lambda functions do not have end of support dates",
    "4.12": "Ensure encryption in transit is enabled for Lambda environment variables",
  },
};

export function controlTitle(framework: FrameworkKey, control: string): string | undefined {
  return FRAMEWORK_CONTROLS[framework][control];
}
