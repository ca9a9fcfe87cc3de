import { $OpenApiUtil } from "@alicloud/openapi-core";
import { CloudApiError, TRANSPORT_CODES } from "../../errors.ts";
import type { CallOptions } from "../compute-provider.ts";
import type { AlibabaCredential } from "./ecs-credentials.ts";

/** Keys, or a function called before every request (role keys rotate). */
export type CredentialSource = () => AlibabaCredential | Promise<AlibabaCredential>;

/**
 * The openapi-core Config both SDKs take. `credential` is any object with getCredential(), which openapi-core calls
 * on every request (its AK/STS signing reads accessKeyId, accessKeySecret, securityToken from it). An endpoint
 * override is a full URL: its host[:port] becomes `endpoint` and its scheme `protocol` (the SDK's default is HTTPS).
 * The SDK retries nothing unless given retryOptions: the engine retries.
 */
export function alibabaSdkConfig(options: {
  readonly region: string;
  readonly credential: CredentialSource;
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
}): $OpenApiUtil.Config {
  const credential = {
    async getCredential() {
      const keys = await options.credential();
      return {
        accessKeyId: keys.accessKeyId,
        accessKeySecret: keys.accessKeySecret,
        securityToken: keys.securityToken ?? "",
        type: keys.securityToken ? "sts" : "access_key",
      };
    },
  };
  const url = options.endpoint ? new URL(options.endpoint) : undefined;
  return new $OpenApiUtil.Config({
    regionId: options.region,
    credential: credential as unknown as $OpenApiUtil.Config["credential"],
    readTimeout: options.requestTimeoutMs,
    connectTimeout: options.requestTimeoutMs,
    ...(url ? { endpoint: url.host, protocol: url.protocol === "http:" ? "http" : "https" } : {}),
  });
}

/** The SDKs are CommonJS with `exports.default = Client`: ESM sees the class as `.default` of the default import. */
export function clientClass<C>(imported: { readonly default: C }): C {
  const inner = (imported as { default?: unknown }).default;
  return (typeof inner === "function" ? inner : imported) as C;
}

/**
 * Runs an SDK call that takes no abort signal (openapi-core has none): an abort rejects at once with a timeout, the
 * request itself ends by the SDK's read timeout.
 */
export function abortable<T>(action: string, call: CallOptions | undefined, run: () => Promise<T>): Promise<T> {
  const signal = call?.signal;
  if (!signal) return run();
  const aborted = () => new CloudApiError(TRANSPORT_CODES.timeout, `${action} aborted: no time left`, { action });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    run().then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
