/**
 * The local cloud's table of the clouds it emulates: one part per name of PROVIDERS (src/domain/types.ts), each
 * contributed by its folder (src/local-cloud/<cloud>/part.ts). A name without a part, or a part that has not said
 * what its fleet entries are, does not compile. Everything else in src/local-cloud/ asks this table.
 *
 * Emulating a new cloud: its folder with a part.ts (fleet entry schema added to FleetEntrySchemas, its own options
 * added to LocalCloudOwnOptions, its front ends and console action), and one line here. A new front end of an
 * existing cloud (another of its APIs) goes in that cloud's part's `frontEnds`.
 */
import { PROVIDERS, type ProviderName } from "../domain/index.ts";
import { ALIBABA_LOCAL_PART } from "./alibaba/part.ts";
import { AWS_LOCAL_PART } from "./aws/part.ts";
import type { LocalCloudPart } from "./cloud-part.ts";
import { TENCENT_LOCAL_PART } from "./tencent/part.ts";

const PARTS: { readonly [P in ProviderName]: LocalCloudPart<P> } = {
  tencent: TENCENT_LOCAL_PART,
  aws: AWS_LOCAL_PART,
  alibaba: ALIBABA_LOCAL_PART,
};

export function localPartOf<P extends ProviderName>(name: P): LocalCloudPart<P> {
  return PARTS[name];
}

/** Every cloud's part, in the order of PROVIDERS. */
export function allLocalParts(): readonly LocalCloudPart[] {
  return PROVIDERS.map((name) => PARTS[name] as LocalCloudPart);
}
