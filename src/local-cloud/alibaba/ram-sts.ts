import { randomBytes } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import type { AlibabaKey } from "./acs3.ts";
import { ALIBABA_ROLE_ARN, DEFAULT_ALIBABA_ACCOUNT, type ResolvedAlibabaOptions } from "./alibaba-options.ts";
import type { RpcParams } from "./ecs-params.ts";

/** STS AssumeRole: DurationSeconds 900 to 43200 (the role's maximum), default 3600. */
const DEFAULT_SECONDS = 3600;
const SESSION_NAME = /^[\w.@-]{2,64}$/;

interface Session {
  readonly accessKeyId: string;
  readonly account: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly expiresAt: number;
}

const token = (bytes: number) => randomBytes(bytes).toString("base64url");

/**
 * Alibaba Cloud STS 2015-04-01 (ACS3-signed RPC, like ECS): AssumeRole only. An unknown role, or a wrong or missing
 * ExternalId, answers `NoPermission` (403: "You are not authorized to do this action"), as the STS reference lists.
 * Issued keys join the accepted keys, bound to the role's account; expired ones answer InvalidSecurityToken.Expired.
 */
export class AlibabaSts {
  private readonly sessions = new Map<string, Session>();
  readonly ownAccount: string;

  constructor(
    private readonly options: ResolvedAlibabaOptions,
    readonly keys: AlibabaKey[],
    private readonly now: () => number,
  ) {
    this.ownAccount = options.ownAccount ?? DEFAULT_ALIBABA_ACCOUNT;
  }

  /** The account a verified key acts in. */
  accountOf(accessKeyId: string): string {
    const session = this.sessions.get(accessKeyId);
    if (!session) return this.ownAccount;
    if (this.now() >= session.expiresAt) {
      throw new EmulatedApiError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 400);
    }
    return session.account;
  }

  assumeRole(params: RpcParams): Record<string, unknown> {
    const roleArn = params.RoleArn;
    const sessionName = params.RoleSessionName;
    if (!roleArn || !sessionName) {
      throw new EmulatedApiError("MissingParameter", "RoleArn and RoleSessionName are mandatory.", 400);
    }
    if (!SESSION_NAME.test(sessionName)) {
      throw new EmulatedApiError(
        "InvalidParameter.RoleSessionName",
        `RoleSessionName ${sessionName} is not valid.`,
        400,
      );
    }
    const seconds = params.DurationSeconds === undefined ? DEFAULT_SECONDS : Number(params.DurationSeconds);
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
      throw new EmulatedApiError("InvalidParameter.DurationSeconds", "DurationSeconds must be 900 to 43200.", 400);
    }
    const role = this.options.roles.find((candidate) => candidate.arn === roleArn);
    const account = ALIBABA_ROLE_ARN.exec(roleArn)?.[1];
    if (!role || !account || (role.externalId !== undefined && role.externalId !== params.ExternalId)) {
      throw new EmulatedApiError("NoPermission", `You are not authorized to assume ${roleArn}.`, 403);
    }
    const lifetimeMs = Math.min(seconds * 1000, this.options.maxSessionMs ?? Number.POSITIVE_INFINITY);
    const key: AlibabaKey = {
      accessKeyId: `STS.LOCAL${token(12)}`,
      accessKeySecret: token(24),
      securityToken: token(48),
    };
    const expiresAt = this.now() + lifetimeMs;
    this.keys.push(key);
    this.sessions.set(key.accessKeyId, { accessKeyId: key.accessKeyId, account, roleArn, sessionName, expiresAt });
    return {
      Credentials: {
        AccessKeyId: key.accessKeyId,
        AccessKeySecret: key.accessKeySecret,
        SecurityToken: key.securityToken,
        Expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
      AssumedRoleUser: { Arn: `${roleArn.toLowerCase()}/${sessionName}`, AssumedRoleId: `3${token(8)}:${sessionName}` },
    };
  }

  /** Sessions issued so far (no secrets). */
  issued(): { account: string; roleArn: string; sessionName: string; expiresAt: number }[] {
    return [...this.sessions.values()].map(({ account, roleArn, sessionName, expiresAt }) => ({
      account,
      roleArn,
      sessionName,
      expiresAt,
    }));
  }
}
