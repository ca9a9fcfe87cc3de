/**
 * What each cloud's part (src/local-cloud/<cloud>/part.ts) tells the type system of itself, added here by its name
 * (`declare module "../cloud-types.ts"`): the schema of its fleet entries, the shape of its keys, and its own options
 * (`startLocalCloud({ <cloud>: ... })`). So a fleet instance is the union of the clouds' own entries and a cloud's
 * code narrows it by `provider`; the values are checked at run time by the parts (parts.ts). Types only.
 */
import type { z } from "zod";

export interface EmulatedCloudType {
  /** The zod schema of its fleet entries: an object whose `provider` is the cloud's name. */
  readonly fleetEntry: z.ZodType;
  /** One of its key pairs, in the cloud's own field names (its ID, then its secret). */
  readonly key: object;
  /** Its own options (`startLocalCloud({ <cloud>: ... })`); never: it takes none. */
  readonly ownOptions: unknown;
}

export interface EmulatedCloudTypes {}

type Each<T> = T extends unknown ? T : never;
type Types = { [P in keyof EmulatedCloudTypes]: EmulatedCloudTypes[P] & EmulatedCloudType };

/** A validated fleet instance of any cloud, every default filled in. */
export type FleetInstance = Each<{ [P in keyof Types]: z.output<Types[P]["fleetEntry"]> }[keyof Types]>;
/** A fleet instance as written in a file or in code: defaults may be left out. */
export type FleetInstanceInput = Each<{ [P in keyof Types]: z.input<Types[P]["fleetEntry"]> }[keyof Types]>;

/** A validated fleet, every default filled in. */
export interface Fleet {
  instances: FleetInstance[];
}
/** A fleet as written in a file or in code: defaults may be left out. */
export interface FleetInput {
  instances: FleetInstanceInput[];
}

/** A cloud's key pair. */
export type LocalKeyOf<P extends keyof EmulatedCloudTypes> = Types[P]["key"];

/** Each cloud's own options, under its name. */
export type LocalCloudOwnOptions = { [P in keyof Types]?: Types[P]["ownOptions"] };
