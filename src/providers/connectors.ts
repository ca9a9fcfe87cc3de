/**
 * Each cloud's SDK-holding part, by name: its compute factory and role assumption, loaded on first use (the cloud's
 * entry in clouds.ts). Only the provider factory asks (the engine's side); the registry's other askers never load an
 * SDK.
 */
import type { ProviderName } from "../domain/index.ts";
import { CLOUDS } from "./clouds.ts";
import type { CloudConnector } from "./provider-descriptor.ts";

const loaded = new Map<ProviderName, Promise<CloudConnector>>();

/** The cloud's connector, loaded once (in a bundle without this cloud, its stub's constructor throws here). */
export function connectorOf(name: ProviderName): Promise<CloudConnector> {
  let connector = loaded.get(name);
  if (connector === undefined) {
    connector = CLOUDS[name].connector();
    loaded.set(name, connector);
    // A stub's refusal is not cached: each asker meets the same clear error.
    connector.catch(() => loaded.delete(name));
  }
  return connector;
}
