import type { EmulatedCloud } from "./cloud-part.ts";
import type { LocalKeyOf } from "./cloud-types.ts";
import { allLocalParts } from "./parts.ts";

/**
 * The fake key pairs the local cloud accepts by default, by cloud (each part's own, in the cloud's field names: its
 * ID, then its secret): what a client that points at the local cloud signs with.
 */
export const DEFAULT_LOCAL_CREDENTIALS = Object.fromEntries(
  allLocalParts().map((part) => [part.provider, part.localKeys]),
) as { readonly [P in EmulatedCloud]: readonly LocalKeyOf<P>[] };
