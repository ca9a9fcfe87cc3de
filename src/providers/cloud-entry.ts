/**
 * What a cloud's folder hands the registry (clouds.ts): its descriptor (formats, settings, permissions: carried by
 * every bundle) and its tooling (spoke files, local-cloud flags, demo events: plain data). Both are SDK-free, so the
 * layers below the engine can ask them without loading an SDK; the SDK-holding half is the cloud's connector
 * (connectors.ts). Types only.
 */
import type { ProviderName } from "../domain/index.ts";
import type { ProviderDescriptor } from "./provider-descriptor.ts";
import type { ProviderTooling } from "./provider-tooling.ts";

export interface CloudEntry<N extends ProviderName = ProviderName> {
  readonly descriptor: ProviderDescriptor<N>;
  readonly tooling: ProviderTooling;
}
