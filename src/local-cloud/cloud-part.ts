/**
 * One cloud's share of the local cloud, contributed by its folder (src/local-cloud/<cloud>/part.ts) and listed once
 * in parts.ts: the schema of its fleet entries, its own options (`startLocalCloud({ <cloud>: ... })`), the fake keys
 * its clients sign with by default, and how it starts: the front ends that speak its wire protocols and the way
 * someone else (the console) starts and stops one of its instances. server.ts asks the parts and names no cloud.
 */
import type { z } from "zod";
import type { ProviderName } from "../domain/index.ts";
import type { AwsKey } from "./aws/sigv4.ts";
import type { EmulatedCloudTypes, LocalKeyOf } from "./cloud-types.ts";
import type { ProviderFrontEnd } from "./http-types.ts";
import type { InstanceStore } from "./instance-store.ts";
import type { ResolvedOptions } from "./options.ts";
import type { LocalOrganizations } from "./organization/local-organization.ts";
import type { ScfState } from "./scf/index.ts";
import type { StsSessions } from "./sts/sessions.ts";
import type { TencentKey } from "./tencent/tc3.ts";

/** What the console does to an instance. */
export type ConsoleAction = "start" | "stop";

/** What every cloud's emulation shares: one instance store, one STS, one SCF account, the organisations, the resolved options. */
export interface LocalCloudShared {
  readonly store: InstanceStore;
  readonly sessions: StsSessions;
  /** The key pairs the shared STS issues temporary keys into (per cloud it serves). */
  readonly keys: { tencent: TencentKey[]; aws: AwsKey[] };
  readonly scf: ScfState;
  /** The organisations (each cloud's organisation API lists its own) and their members. */
  readonly organizations: LocalOrganizations;
  readonly options: ResolvedOptions;
}

/** A cloud's part once started on one local cloud. */
export interface StartedCloudPart {
  /** Its front ends, each claiming the requests of one wire protocol. */
  readonly frontEnds: readonly ProviderFrontEnd[];
  /**
   * Starts or stops one instance as someone else would (the console): through the same rules as the API, never
   * logged, limited or faulted. Throws EmulatedApiError for a refusal.
   */
  act(region: string, instanceId: string, action: ConsoleAction, requestId: string): void;
}

/** A cloud whose part has told its types (cloud-types.ts); a name of PROVIDERS without them does not compile in parts.ts. */
export type EmulatedCloud = ProviderName & keyof EmulatedCloudTypes;

export interface LocalCloudPart<P extends EmulatedCloud = EmulatedCloud> {
  readonly provider: P;
  /** Its instances' entries in a fleet file (`provider: <name>`, then the cloud's own fields). */
  readonly fleetEntry: EmulatedCloudTypes[P]["fleetEntry"];
  /** The fake key pairs the local cloud accepts by default, in the cloud's own field names (ID, then secret). */
  readonly localKeys: readonly LocalKeyOf<P>[];
  /** Checks its own options (`startLocalCloud({ <name>: ... })`); an error names the bad field. None: takes none. */
  readonly ownOptions?: z.ZodType;
  /**
   * Starts its emulation on one local cloud. Its front ends are loaded only then (a dynamic import of the cloud's
   * emulator.ts): the part itself is light, so that what asks only its keys or schemas (`powercron run --local-cloud`)
   * does not load the emulator.
   */
  start(shared: LocalCloudShared, ownOptions: unknown): Promise<StartedCloudPart>;
}
