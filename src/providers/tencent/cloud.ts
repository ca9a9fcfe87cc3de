/** Tencent Cloud CVM for the registry (clouds.ts): its descriptor and tooling, and its SDK part loaded on first use. */
import type { CloudEntry } from "../cloud-entry.ts";
import { tencentDescriptor } from "./descriptor.ts";
import { TENCENT_TOOLING } from "./tencent-tooling.ts";

export const TENCENT_CLOUD: CloudEntry<"tencent"> = {
  descriptor: tencentDescriptor,
  tooling: TENCENT_TOOLING,
  connector: async () => new (await import("./tencent-connector.ts")).TencentConnector(),
};
