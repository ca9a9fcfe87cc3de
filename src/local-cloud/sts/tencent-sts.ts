import { EmulatedApiError } from "../api-error.ts";
import type { TencentService } from "../tencent/service.ts";
import type { StsSessions } from "./sessions.ts";

/** Tencent AssumeRole: DurationSeconds default 7200, at most 43200. */
const DEFAULT_SECONDS = 7200;
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

/**
 * Tencent Cloud STS 2018-08-13 (service `sts`, TC3-signed JSON, through the Tencent front-end): AssumeRole only. An
 * unknown role answers `ResourceNotFound.RoleNotExist`; a role whose trust does not allow the call (a wrong or
 * missing ExternalId) `AuthFailure.UnauthorizedOperation`.
 */
export function createTencentStsService(sessions: StsSessions): TencentService {
  return {
    name: "sts",
    version: "2018-08-13",
    actions: {
      AssumeRole(params) {
        const p = (params ?? {}) as Record<string, unknown>;
        const roleArn = typeof p.RoleArn === "string" ? p.RoleArn : undefined;
        const sessionName = typeof p.RoleSessionName === "string" ? p.RoleSessionName : undefined;
        if (!roleArn || !sessionName) {
          throw new EmulatedApiError(
            "MissingParameter",
            "The request is missing a required parameter `RoleArn` or `RoleSessionName`.",
          );
        }
        if (!SESSION_NAME.test(sessionName)) {
          throw new EmulatedApiError(
            "InvalidParameter.ParamError",
            `RoleSessionName ${sessionName} is not 2 to 128 of [\\w+=,.@-].`,
          );
        }
        const duration = p.DurationSeconds;
        if (
          duration !== undefined &&
          !(Number.isInteger(duration) && (duration as number) > 0 && (duration as number) <= 43_200)
        ) {
          throw new EmulatedApiError("InvalidParameter.ParamError", "DurationSeconds must be 1 to 43200.");
        }
        const externalId = typeof p.ExternalId === "string" ? p.ExternalId : undefined;
        const session = sessions.assume(
          "tencent",
          { roleArn, sessionName, externalId, durationSeconds: duration as number | undefined },
          DEFAULT_SECONDS,
        );
        return {
          Credentials: { Token: session.token, TmpSecretId: session.keyId, TmpSecretKey: session.secret },
          ExpiredTime: Math.floor(session.expiresAt / 1000),
          Expiration: new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
        };
      },
    },
  };
}
