/**
 * Each cloud's SDK-holding part, by name: its compute factory and role assumption. A name of PROVIDERS without one
 * does not compile. Only the provider factory imports this (the engine's side); the registry's other askers
 * (clouds.ts) never load an SDK. Kept apart from clouds.ts on purpose: the schedule code a bundle loads lazily reaches
 * the registry, and an SDK reached from lazily loaded code is wrapped by the bundler and no longer tree-shaken (the
 * Lambda zip grew from 522 to 604 KB when the connectors sat in the same table).
 */
import type { ProviderName } from "../domain/index.ts";
import { AlibabaConnector } from "./alibaba/alibaba-connector.ts";
import { AwsConnector } from "./aws/aws-connector.ts";
import type { CloudConnector } from "./provider-descriptor.ts";
import { TencentConnector } from "./tencent/tencent-connector.ts";

const CONNECTORS: { readonly [P in ProviderName]: () => CloudConnector } = {
  tencent: () => new TencentConnector(),
  aws: () => new AwsConnector(),
  alibaba: () => new AlibabaConnector(),
};

/**
 * The cloud's connector, built on use. In a bundle without this cloud its stub's constructor throws a
 * CloudNotInBundleError: the promise is refused with it, and the engine fails that cloud's targets only.
 */
export async function connectorOf(name: ProviderName): Promise<CloudConnector> {
  return CONNECTORS[name]();
}
