/**
 * The table of the clouds without their SDKs: a cloud is its folder under src/providers/ and one line here (its
 * descriptor and tooling), keyed by the names of PROVIDERS (src/domain/types.ts); a name without an entry, or an
 * entry missing a part, does not compile. Its SDK half (`<cloud>/<cloud>-connector.ts`, the class its descriptor's
 * `connector` names) is found by that convention (connectors.ts). Every other file asks the registry (registry.ts,
 * tooling.ts, connectors.ts) and never names a cloud; test/architecture/cloud-seam.test.ts holds it so.
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
