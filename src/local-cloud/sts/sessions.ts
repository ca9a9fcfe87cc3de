import { randomBytes } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import type { AwsKey } from "../aws/sigv4.ts";
import type { CloudProvider as AnyCloud } from "../instance-store.ts";
import type { TencentKey } from "../tencent/tc3.ts";
import { DEFAULT_OWN_ACCOUNTS, type ResolvedStsOptions, type RoleSpec } from "./sts-options.ts";

/** The clouds whose STS this module serves (another cloud's may keep its own). */
type CloudProvider = Extract<AnyCloud, "tencent" | "aws">;

/** Temporary credentials an AssumeRole issued: bound to the role's account, refused once expired. */
export interface StsSession {
  readonly provider: CloudProvider;
  readonly keyId: string;
  readonly secret: string;
  readonly token: string;
  readonly account: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly expiresAt: number;
}

export interface AssumeRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string | undefined;
  readonly durationSeconds?: number | undefined;
}

const AWS_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;
const TENCENT_ARN = /^qcs::cam::uin\/(\d+):roleName\//;

function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * The local cloud's STS state for both clouds: the roles that may be assumed, the sessions issued, and the key lists
 * the signature checks read (issued keys are appended to them). A call signed with a session's keys acts in the
 * session's account; the fixed local keys act in the caller's own account.
 */
export class StsSessions {
  private readonly sessions = new Map<string, StsSession>();
  readonly ownAccounts: Readonly<Record<CloudProvider, string>>;

  constructor(
    private readonly options: ResolvedStsOptions,
    /** The key lists the front-ends verify signatures against: issued keys are added here. */
    readonly keys: { tencent: TencentKey[]; aws: AwsKey[] },
    private readonly now: () => number,
  ) {
    this.ownAccounts = {
      aws: options.ownAccounts.aws ?? DEFAULT_OWN_ACCOUNTS.aws,
      tencent: options.ownAccounts.tencent ?? DEFAULT_OWN_ACCOUNTS.tencent,
    };
  }

  /** The role of that ARN, or undefined (an unknown role). */
  role(provider: CloudProvider, arn: string): (RoleSpec & { account: string }) | undefined {
    const spec = this.options.roles.find((role) => role.arn === arn);
    const match = (provider === "aws" ? AWS_ARN : TENCENT_ARN).exec(arn);
    if (!spec || !match?.[1]) return undefined;
    return { ...spec, account: match[1] };
  }

  /**
   * Issues temporary credentials for a role, or throws the code each cloud answers: the caller may not assume it
   * (unknown role, wrong or missing ExternalId).
   */
  assume(provider: CloudProvider, request: AssumeRequest, defaultSeconds: number): StsSession {
    const role = this.role(provider, request.roleArn);
    const trusted = role !== undefined && (role.externalId === undefined || role.externalId === request.externalId);
    if (!role || !trusted) {
      if (provider === "aws") {
        throw new EmulatedApiError(
          "AccessDenied",
          `User: arn:aws:iam::${this.ownAccounts.aws}:user/local is not authorized to perform: sts:AssumeRole on resource: ${request.roleArn}`,
          403,
        );
      }
      throw role
        ? new EmulatedApiError(
            "AuthFailure.UnauthorizedOperation",
            `The caller is not authorized to assume ${request.roleArn}: the role's trust policy does not allow this request.`,
          )
        : new EmulatedApiError("ResourceNotFound.RoleNotExist", `The role ${request.roleArn} does not exist.`);
    }
    const seconds = request.durationSeconds ?? defaultSeconds;
    const lifetimeMs = Math.min(seconds * 1000, this.options.maxSessionMs ?? Number.POSITIVE_INFINITY);
    const keyId = provider === "aws" ? `ASIALOCAL${token(8).toUpperCase()}` : `AKIDTMP${token(12)}`;
    const session: StsSession = {
      provider,
      keyId,
      secret: token(24),
      token: token(48),
      account: role.account,
      roleArn: request.roleArn,
      sessionName: request.sessionName,
      expiresAt: this.now() + lifetimeMs,
    };
    this.sessions.set(`${provider}/${keyId}`, session);
    if (provider === "aws") {
      this.keys.aws.push({ accessKeyId: keyId, secretAccessKey: session.secret, sessionToken: session.token });
    } else {
      this.keys.tencent.push({ secretId: keyId, secretKey: session.secret, token: session.token });
    }
    return session;
  }

  /**
   * The account a verified key acts in: a session's account, or the caller's own for the fixed keys. An expired
   * session is refused as the clouds refuse it: EC2 `RequestExpired`, STS `ExpiredToken`, Tencent
   * `AuthFailure.TokenFailure`.
   */
  accountOf(provider: CloudProvider, keyId: string, service: string): string {
    const session = this.sessions.get(`${provider}/${keyId}`);
    if (!session) return this.ownAccounts[provider];
    if (this.now() >= session.expiresAt) {
      if (provider === "tencent") {
        throw new EmulatedApiError(
          "AuthFailure.TokenFailure",
          "The token has expired: request new temporary credentials.",
        );
      }
      throw service === "sts"
        ? new EmulatedApiError("ExpiredToken", "The security token included in the request is expired", 400)
        : new EmulatedApiError("RequestExpired", "Request has expired.", 400);
    }
    return session.account;
  }

  /**
   * Ends the sessions of a role (or all) now, before their stated expiry, as a revoked session or a skewed clock
   * does: calls signed with their keys are refused as expired. Answers how many ended.
   */
  expire(roleArn?: string): number {
    let ended = 0;
    const now = this.now();
    for (const [key, session] of this.sessions) {
      if ((roleArn !== undefined && session.roleArn !== roleArn) || session.expiresAt <= now) continue;
      this.sessions.set(key, { ...session, expiresAt: now });
      ended++;
    }
    return ended;
  }

  /** Sessions issued so far (for tests): no secrets. */
  issued(): { provider: CloudProvider; account: string; roleArn: string; sessionName: string; expiresAt: number }[] {
    return [...this.sessions.values()].map(({ provider, account, roleArn, sessionName, expiresAt }) => ({
      provider,
      account,
      roleArn,
      sessionName,
      expiresAt,
    }));
  }
}
