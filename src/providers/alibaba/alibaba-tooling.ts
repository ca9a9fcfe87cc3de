/**
 * Alibaba Cloud for the tools: the RAM policy of the keys the functions carry (no platform of Alibaba's hosts them,
 * so no deploy writes an execution role: the operator attaches infra/alibaba/ram-policy.json to the RAM user whose
 * keys they set), the spoke files of its other accounts, and the sample events the demo replays.
 */
import type { ProviderTooling } from "../provider-tooling.ts";
import { alibabaSpokeFiles, ramPolicy } from "./alibaba-permissions.ts";

export const ALIBABA_TOOLING: ProviderTooling = {
  demoEvents: { stop: "config/events/alibaba-stop.json", start: "config/events/alibaba-start.json" },
  keysPolicy: { file: "ram-policy.json", document: (statements) => ramPolicy(statements) },
  spokeFiles: (scope) => alibabaSpokeFiles(scope.managementTag),
  localCloudFlags: [],
};
