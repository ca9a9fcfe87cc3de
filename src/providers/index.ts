/** The one provider abstraction, the factory of the real adapters, and the Tencent HTTP pieces the SCF deploy shares. */
export type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderFactory,
} from "./compute-provider.ts";
export { cloudProviders } from "./provider-factory.ts";
export { readTencentCredential, type TencentCredential } from "./tencent/tencent-credentials.ts";
export { fromTencentError } from "./tencent/tencent-errors.ts";
export { tencentHttpProfile } from "./tencent/tencent-http-profile.ts";
