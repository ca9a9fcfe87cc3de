/** Tencent Cloud's environment variables: the SCF function's region, the key pairs, the endpoint overrides. */
import { type Environment, endpointUrl, keyPair, setting } from "../../settings/index.ts";

export const TENCENT_SETTINGS = {
  region: setting("TENCENTCLOUD_REGION", "platform", "a region", "set by SCF", "the SCF function's region"),
  roleSecretId: setting(
    "TENCENTCLOUD_SECRETID",
    "credential",
    "key",
    "set by SCF",
    "the execution role's temporary key pair; read first, at every invocation (it rotates)",
  ),
  roleSecretKey: setting("TENCENTCLOUD_SECRETKEY", "credential", "key", "set by SCF", "as above"),
  roleSessionToken: setting("TENCENTCLOUD_SESSIONTOKEN", "credential", "token", "set by SCF", "as above"),
  secretId: setting(
    "TENCENTCLOUD_SECRET_ID",
    "credential",
    "key",
    "-",
    "the Tencent SDK's names, read when the role's are unset (the CLI, the deploy)",
  ),
  secretKey: setting("TENCENTCLOUD_SECRET_KEY", "credential", "key", "-", "as above"),
  sessionToken: setting("TENCENTCLOUD_SESSION_TOKEN", "credential", "token", "-", "as above"),
  cvmEndpoint: setting(
    "TENCENTCLOUD_CVM_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real CVM API",
    "for the local cloud",
  ),
  scfEndpoint: setting(
    "TENCENTCLOUD_SCF_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real SCF API",
    "for the local cloud (deploy)",
  ),
  stsEndpoint: setting(
    "TENCENTCLOUD_STS_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real STS API",
    "for the local cloud (config `accounts`: assuming roles)",
  ),
  organizationEndpoint: setting(
    "TENCENTCLOUD_ORGANIZATION_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real Organization API",
    "for the local cloud (`accounts: {organization}`)",
  ),
} as const;

export interface TencentCredential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

/**
 * Tencent keys: first the names SCF sets for an execution role (temporary keys that rotate: read on every call), then
 * the names the Tencent SDK documents. Undefined when neither pair is complete.
 */
export function tencentCredential(env: Environment): TencentCredential | undefined {
  const keys = keyPair(env, {
    keyId: [TENCENT_SETTINGS.roleSecretId, TENCENT_SETTINGS.secretId],
    secret: [TENCENT_SETTINGS.roleSecretKey, TENCENT_SETTINGS.secretKey],
    token: [TENCENT_SETTINGS.roleSessionToken, TENCENT_SETTINGS.sessionToken],
  });
  if (keys === undefined) return undefined;
  const pair = { secretId: keys.keyId, secretKey: keys.secret };
  return keys.token === undefined ? pair : { ...pair, token: keys.token };
}

/** Endpoint overrides (the local cloud), each a full http(s) URL; undefined means the real API. */
export function tencentEndpoints(env: Environment): {
  cvm?: string;
  scf?: string;
  sts?: string;
  organization?: string;
} {
  const organization = endpointUrl(env, TENCENT_SETTINGS.organizationEndpoint);
  const cvm = endpointUrl(env, TENCENT_SETTINGS.cvmEndpoint);
  const scf = endpointUrl(env, TENCENT_SETTINGS.scfEndpoint);
  const sts = endpointUrl(env, TENCENT_SETTINGS.stsEndpoint);
  return {
    ...(cvm === undefined ? {} : { cvm }),
    ...(scf === undefined ? {} : { scf }),
    ...(sts === undefined ? {} : { sts }),
    ...(organization === undefined ? {} : { organization }),
  };
}
