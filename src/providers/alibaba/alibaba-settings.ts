/** Alibaba Cloud's environment variables: the key pair Alibaba's own tools read, and the endpoint overrides. */
import { type Environment, endpointUrl, keyPair, setting } from "../../settings/index.ts";
import { ALIBABA_ENDPOINT_VARIABLES as ENDPOINTS, ALIBABA_CREDENTIAL_VARIABLES as KEYS } from "./alibaba-facts.ts";
import type { AlibabaCredential } from "./ecs-credentials.ts";

export const ALIBABA_SETTINGS = {
  region: setting(
    "ALIBABA_CLOUD_REGION_ID",
    "platform",
    "a region",
    "-",
    "the region Alibaba's CLI and SDKs read; no platform of Alibaba's hosts the functions, so give the region",
  ),
  accessKeyId: setting(
    KEYS.accessKeyId,
    "credential",
    "key",
    "-",
    "Alibaba Cloud keys, the names Alibaba's CLI, SDKs and Terraform read; read at every request",
  ),
  accessKeySecret: setting(KEYS.accessKeySecret, "credential", "key", "-", "as above"),
  securityToken: setting(KEYS.securityToken, "credential", "token", "-", "as above (temporary keys only)"),
  ecsEndpoint: setting(ENDPOINTS.ecs, "endpoint", "a full URL", "the real ECS API", "for the local cloud"),
  stsEndpoint: setting(
    ENDPOINTS.sts,
    "endpoint",
    "a full URL",
    "the real STS API",
    "for the local cloud (config `accounts`: assuming roles)",
  ),
} as const;

/** The keys, through the settings primitives; undefined when the pair is not set. */
export function alibabaKeys(env: Environment): AlibabaCredential | undefined {
  const keys = keyPair(env, {
    keyId: [ALIBABA_SETTINGS.accessKeyId],
    secret: [ALIBABA_SETTINGS.accessKeySecret],
    token: [ALIBABA_SETTINGS.securityToken],
  });
  if (keys === undefined) return undefined;
  const pair = { accessKeyId: keys.keyId, accessKeySecret: keys.secret };
  return keys.token === undefined ? pair : { ...pair, securityToken: keys.token };
}

/** Endpoint overrides (the local cloud), each a full http(s) URL; undefined means the real API. */
export function alibabaEndpoints(env: Environment): { ecs?: string; sts?: string } {
  const ecs = endpointUrl(env, ALIBABA_SETTINGS.ecsEndpoint);
  const sts = endpointUrl(env, ALIBABA_SETTINGS.stsEndpoint);
  return { ...(ecs === undefined ? {} : { ecs }), ...(sts === undefined ? {} : { sts }) };
}
