/**
 * Alibaba Cloud for the tools: the RAM policy of the keys the functions carry (no platform of Alibaba's hosts them,
 * so no deploy writes an execution role: the operator attaches infra/alibaba/ram-policy.json to the RAM user whose
 * keys they set), the spoke files of its other accounts, the sample events the demo replays, and the `powercron
 * local-cloud` flag of ECS: the zones out of stock, where an instance stopped with StopCharging cannot start again.
 */
import { InvalidInputError } from "../../errors.ts";
import type { ProviderTooling } from "../provider-tooling.ts";
import { alibabaSpokeFiles, ramPolicy } from "./alibaba-permissions.ts";

/** A zone: its region and a letter (`cn-hangzhou-h`, `ap-southeast-1a`, `cn-shanghai-finance-1z`). */
const ZONE = /^[a-z]{2}-[a-z]+(?:-[a-z]+)?(?:-[a-z]|-\d+[a-z])$/;

/** `cn-hangzhou-h,cn-shanghai-l` → the zones; an error naming the flag and the part that is not a zone. */
function zones(flag: string, raw: string): string[] {
  return raw.split(",").map((part) => {
    const zone = part.trim();
    if (!ZONE.test(zone)) throw new InvalidInputError(`${flag}: "${zone}" is not an ECS zone (e.g. cn-hangzhou-h)`);
    return zone;
  });
}

export const ALIBABA_TOOLING: ProviderTooling = {
  demoEvents: { stop: "config/events/alibaba-stop.json", start: "config/events/alibaba-start.json" },
  keysPolicy: { file: "ram-policy.json", document: (statements) => ramPolicy(statements) },
  spokeFiles: (scope) => alibabaSpokeFiles(scope.managementTag),
  localCloudFlags: [
    {
      flag: "--ecs-no-stock <zones>",
      description:
        'ECS zones sold out: an instance there stopped with StopCharging cannot start again (OperationDenied.NoStock), e.g. "cn-hangzhou-h"',
      options: (raw) => ({ alibaba: { noStockZones: zones("--ecs-no-stock", raw) } }),
    },
  ],
};
