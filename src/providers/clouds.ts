/**
 * THE table of the clouds: a cloud is its folder under src/providers/ and one line here, keyed by the names of
 * PROVIDERS (src/domain/types.ts); a name without an entry, or an entry missing a part, does not compile. Every other
 * file asks the registry (registry.ts, connectors.ts, tooling.ts) and never names a cloud.
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
