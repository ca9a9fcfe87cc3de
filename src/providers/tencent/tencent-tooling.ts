/**
 * Tencent for the tools: the spoke files of its other accounts (tencent-permissions.ts), and the `powercron
 * local-cloud` flags of CVM: its answer to unknown IDs, its account-wide rates per action.
 */
import { numberPairs, oneOf } from "../local-cloud-flags.ts";
import type { ProviderTooling } from "../provider-tooling.ts";
import { tencentSpokeFiles } from "./tencent-permissions.ts";

const ACTION = /^[A-Z][A-Za-z0-9]*$/;

export const TENCENT_TOOLING: ProviderTooling = {
  demoEvents: { stop: "config/events/tencent-stop.json", start: "config/events/tencent-start.json" },
  spokeFiles: (scope) => tencentSpokeFiles(scope),
  localCloudFlags: [
    {
      flag: "--describe-unknown-ids <mode>",
      description:
        "Tencent DescribeInstances with unknown IDs (unconfirmed): omit them, or error with InvalidInstanceId.NotFound",
      defaultValue: "omit",
      options: (raw) => ({ tencentDescribeUnknownIds: oneOf("--describe-unknown-ids", raw, ["omit", "error"]) }),
    },
    {
      flag: "--tencent-account-rate <limits>",
      description:
        'Tencent account-wide calls/s per action over all regions, e.g. "StartInstances=20,StopInstances=20"',
      options: (raw) => ({
        tencentAccountRateLimits: Object.fromEntries(
          Object.entries(numberPairs("--tencent-account-rate", raw, ACTION, "StartInstances=20")).map(
            ([action, perSecond]) => [action, { perSecond }],
          ),
        ),
      }),
    },
  ],
};
