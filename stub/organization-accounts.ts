import { indexAccount, type AccountIndex, type StubAccount } from "./account.js";

/**
 * The accounts one stub serves (the starting account and the other accounts of its organisation) and
 * the account each request acts as. Static credentials act as the starting account, as a scanner's
 * own credentials do; credentials handed out by AssumeRole act as the account of the assumed role, so
 * that a scanner that assumes a role in a member account reads that member's functions, draws from
 * that member's quotas and is counted under that member in the statistics.
 */
export interface ActingAs {
  index: AccountIndex;
  /** The ARN GetCallerIdentity answers and access-denied messages name. */
  callerArn: string;
  /** true when the credentials came from AssumeRole (a further AssumeRole is role chaining). */
  assumedRole: boolean;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME` in parts, or null when it is not a role ARN. */
export function parseRoleArn(roleArn: string): { partition: string; accountId: string; roleName: string } | null {
  const match = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[^/]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  if (!match) return null;
  return { partition: match[1] as string, accountId: match[2] as string, roleName: match[3] as string };
}

export class AccountDirectory {
  private readonly indexes = new Map<string, AccountIndex>();
  private startingId: string;
  /** Access key id → the session it was issued for. */
  private readonly sessions = new Map<string, { accountId: string; arn: string }>();

  constructor(starting: StubAccount, members: readonly StubAccount[] = []) {
    for (const member of members) {
      if (this.indexes.has(member.accountId)) throw new Error(`stub: account ${member.accountId} is served twice`);
      this.indexes.set(member.accountId, indexAccount(member));
    }
    if (this.indexes.has(starting.accountId)) throw new Error(`stub: the starting account ${starting.accountId} is also a member`);
    this.startingId = starting.accountId;
    this.indexes.set(starting.accountId, indexAccount(starting));
  }

  /** Replaces the starting account (Stub.setAccount); sessions already issued keep their account. */
  setStarting(account: StubAccount): void {
    this.indexes.delete(this.startingId);
    this.startingId = account.accountId;
    this.indexes.set(account.accountId, indexAccount(account));
  }

  /** The served account with this id, if any. */
  account(accountId: string): AccountIndex | undefined {
    return this.indexes.get(accountId);
  }

  actingAs(accessKeyId: string): ActingAs {
    const session = this.sessions.get(accessKeyId);
    const sessionIndex = session ? this.indexes.get(session.accountId) : undefined;
    if (session && sessionIndex) return { index: sessionIndex, callerArn: session.arn, assumedRole: true };
    const index = this.indexes.get(this.startingId) as AccountIndex;
    return { index, callerArn: `arn:${index.account.partition}:iam::${index.account.accountId}:user/lambda-posture-stub`, assumedRole: false };
  }

  /** Credentials that act as the role's session from now on. The caller has checked the role exists. */
  issue(roleArn: string, sessionName: string): IssuedCredentials & { sessionArn: string } {
    const role = parseRoleArn(roleArn);
    if (!role) throw new Error(`stub: not a role ARN: ${roleArn}`);
    const accessKeyId = `ASIASTUB${(this.sessions.size + 1).toString().padStart(12, "0")}`;
    const sessionArn = `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`;
    this.sessions.set(accessKeyId, { accountId: role.accountId, arn: sessionArn });
    return { accessKeyId, secretAccessKey: "stub-secret-access-key", sessionToken: `stub-session-${accessKeyId}`, sessionArn };
  }
}
