/**
 * Each cloud's SDK-holding part (its connector: compute factory and role assumption), loaded when a target first
 * names the cloud: the module `<cloud>/<cloud>-connector.ts` of the cloud's folder, whose class its descriptor names
 * (`connector`). No cloud is named here: the registry's list says which exist, and a cloud's SDKs load only when a
 * run reaches it (the CLI's `run` loads those of its targets' clouds only; `--help`, `plan`, `triggers` none).
 *
 * The function bundles do not import lazily (code reached from a dynamic import is wrapped by the bundler and no longer
 * tree-shaken: the Lambda zip grew from 522 to 604 KB): their build swaps this module for a static table of the same
 * connectors (connectorsInline(), src/deploy/bundle-plugins.ts), and a bundle without a cloud stubs its connector.
 * Only the provider factory imports this (the engine's side); the registry's other askers never load an SDK.
 */
import type { ProviderName } from "../domain/index.ts";
import type { CloudConnector } from "./provider-descriptor.ts";
import { descriptorOf } from "./registry.ts";

/**
 * The cloud's connector, built on use. In a bundle without this cloud its stub's constructor throws a
 * CloudNotInBundleError: the promise is refused with it, and the engine fails that cloud's targets only.
 */
export async function connectorOf(name: ProviderName): Promise<CloudConnector> {
  const module = (await import(`./${name}/${name}-connector.ts`)) as Readonly<Record<string, unknown>>;
  const Connector = module[descriptorOf(name).connector.exportName] as new () => CloudConnector;
  return new Connector();
}
