/**
 * The fan-out in a function bundle only when its config can use it: a fire fans out by (account, region) partitions,
 * so a platform none of whose groups spans accounts (`accounts:` a list, `"*"` or an organisation) gets stubs for the
 * orchestration and the worker side. Its fires run in one invocation, as before the fan-out; a worker event sent to
 * such a bundle is refused and acts on nothing. Pure.
 */
import type { Platform } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import type { StubbedModule } from "./bundle-plugins.ts";

export function usesFanOut(platform: Platform, config: ScheduleConfig): boolean {
  return config.groups.some(
    (group) => group.platform === platform && (group.accounts !== undefined || group.organization !== undefined),
  );
}

/** The stubs of the fan-out's modules, for a platform with no group across accounts; none otherwise. */
export function leftOutFanOut(platform: Platform, config: ScheduleConfig): StubbedModule[] {
  if (usesFanOut(platform, config)) return [];
  const message = `worker event refused: this ${platform} bundle carries no fan-out (no group spans accounts); nothing was done`;
  return [
    {
      file: "src/runtime/fan-out.ts",
      exportName: "fanOutSlices",
      message,
      contents: [
        "export const fanOutSlices = () => undefined;",
        `export const runFanOut = () => { throw new Error(${JSON.stringify(message)}); };`,
      ].join("\n"),
    },
    {
      file: "src/runtime/run-worker.ts",
      exportName: "runWorker",
      message,
      contents: `export const runWorker = async () => { throw new Error(${JSON.stringify(message)}); };`,
    },
  ];
}
