/**
 * The table of the clouds without their SDKs: a cloud is its folder under src/providers/, one line here (its
 * descriptor and tooling) and one in connectors.ts (its SDK half), keyed by the names of PROVIDERS
 * (src/domain/types.ts); a name without an entry, or an entry missing a part, does not compile. Every other file
 * asks the registry (registry.ts, tooling.ts, connectors.ts) and never names a cloud.
 */
import type { ProviderName } from "../domain/index.ts";
import { ALIBABA_CLOUD } from "./alibaba/cloud.ts";
import { AWS_CLOUD } from "./aws/cloud.ts";
import type { CloudEntry } from "./cloud-entry.ts";
import { TENCENT_CLOUD } from "./tencent/cloud.ts";

export const CLOUDS: { readonly [P in ProviderName]: CloudEntry<P> } = {
  tencent: TENCENT_CLOUD,
  aws: AWS_CLOUD,
  alibaba: ALIBABA_CLOUD,
};
