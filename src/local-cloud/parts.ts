/**
 * The local cloud's table of the clouds it emulates: one part per name of the registry's list (PROVIDERS,
 * src/providers/clouds.ts), each contributed by its folder as `LOCAL_PART` of `src/local-cloud/<cloud>/part.ts`, found
 * by that convention when this module loads (the parts are light: a part's emulator loads only when it starts). A
 * cloud whose part has not said what its fleet entries are (cloud-types.ts) does not compile here; a name without a
 * part.ts fails here on loading, naming the file. Everything else in src/local-cloud/ asks this table.
 *
 * Emulating a new cloud: its folder with a part.ts (fleet entry schema added to EmulatedCloudTypes, its own options,
 * its front ends and console action); nothing here. A new front end of an existing cloud (another of its APIs) goes
 * in that cloud's part's `frontEnds`.
 */
import type { ProviderName } from "../domain/index.ts";
import { PowercronError } from "../errors.ts";
import { PROVIDERS } from "../providers/catalog.ts";
import type { LocalCloudPart } from "./cloud-part.ts";
import type { EmulatedCloudTypes } from "./cloud-types.ts";

/** The part of a cloud's folder, checked to be that cloud's. */
async function loadPart(name: ProviderName): Promise<LocalCloudPart> {
  const path = `./${name}/part.ts`;
  const module = (await import(`./${name}/part.ts`)) as { readonly LOCAL_PART?: LocalCloudPart };
  const part = module.LOCAL_PART;
  if (part?.provider !== name) {
    throw new PowercronError(
      `local cloud: ${path} must export LOCAL_PART, the part of ${name} (found ${part?.provider})`,
    );
  }
  return part;
}

/** A cloud of the registry whose part has not told its types (cloud-types.ts): none, or this does not compile. */
type Unemulated = Exclude<ProviderName, keyof EmulatedCloudTypes>;
const everyCloudEmulated: [Unemulated] extends [never] ? true : Unemulated = true;
void everyCloudEmulated;

const PARTS: readonly LocalCloudPart[] = await Promise.all(PROVIDERS.map(loadPart));

export function localPartOf<P extends ProviderName>(name: P): LocalCloudPart<P> {
  return PARTS.find((part) => part.provider === name) as LocalCloudPart<P>;
}

/** Every cloud's part, in the order of PROVIDERS. */
export function allLocalParts(): readonly LocalCloudPart[] {
  return PARTS;
}
