/**
 * What a cloud's folder hands the registry (clouds.ts): its descriptor (SDK-free, carried by every bundle), its
 * tooling (spoke files, local-cloud flags, demo events: plain data), and its connector, the SDK-holding half, loaded
 * only when a run first reaches the cloud, so that no SDK is evaluated before it is needed (a tick with nothing due,
 * a command that makes no call). Types only.
 */
import type { ProviderName } from "../domain/index.ts";
import type { CloudConnector, ProviderDescriptor } from "./provider-descriptor.ts";
import type { ProviderTooling } from "./provider-tooling.ts";

export interface CloudEntry<N extends ProviderName = ProviderName> {
  readonly descriptor: ProviderDescriptor<N>;
  readonly tooling: ProviderTooling;
  /** Loads the cloud's SDK part (in a bundle without this cloud, its stub's constructor throws here). */
  connector(): Promise<CloudConnector>;
}
