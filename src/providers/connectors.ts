/**
 * Each cloud's SDK-holding part, by name: its compute factory and role assumption. A name of PROVIDERS without one
 * does not compile. Only the provider factory imports this (the engine's side); the registry's other askers never
 * load an SDK.
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

/** The cloud's connector, built on use (in a bundle without this cloud, its stub's constructor throws here). */
export function connectorOf(name: ProviderName): CloudConnector {
  return CONNECTORS[name]();
}
