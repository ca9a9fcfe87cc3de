/** Runs the functions' real code path (input, engine, SDK adapters) against a local cloud over HTTP. */
import { afterEach } from "vitest";
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import type { PowerAction } from "../../../src/domain/types.ts";
import {
  type CallRecord,
  type FleetInput,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from "../../../src/local-cloud/index.ts";
import type { PowerReport } from "../../../src/report/power-report.ts";
import { invokePower } from "../../../src/runtime/invoke-power.ts";
import { PLATFORM_EVENTS } from "../../support/platform-events.ts";

export interface Harness {
  readonly cloud: LocalCloud;
  run(action: PowerAction, event: unknown, env?: Record<string, string>): Promise<PowerReport>;
  /** Calls that reached the cloud since the last reset, as `Action:idCount` for compact assertions. */
  calls(filter?: (call: CallRecord) => boolean): CallRecord[];
  close(): Promise<void>;
}

export async function startHarness(
  fleet: FleetInput,
  options: Omit<LocalCloudOptions, "fleet"> = {},
): Promise<Harness> {
  const cloud = await startLocalCloud({ transitionMs: 50, ...options, fleet });
  const baseEnv = { ...localCloudEnv(cloud.url), POWER_TIME_BUDGET_SECONDS: "20", POWER_REQUEST_TIMEOUT_MS: "5000" };
  return {
    cloud,
    run: (action, event, env = {}) =>
      invokePower(action, event, undefined, {
        env: { ...baseEnv, ...env },
        platforms: PLATFORM_EVENTS,
        pollIntervalMs: 60,
      }),
    calls: (filter = () => true) => cloud.calls().filter(filter),
    close: () => cloud.close(),
  };
}

export const MUTATING = new Set(["StartInstances", "StopInstances"]);

/** Sizes of the ID lists of each call of an action, sorted descending. */
export function batchSizes(calls: readonly CallRecord[], action: string): number[] {
  return calls
    .filter((call) => call.action === action)
    .map((call) => call.instanceIds.length)
    .sort((a, b) => b - a);
}

/** `ins-` + 8 base-36 characters, deterministic from a prefix character and an index. */
export function tencentId(prefix: string, index: number): string {
  return `ins-${prefix}${index.toString(36).padStart(7, "0")}`;
}

/** `i-` + 17 hex characters, deterministic from a prefix hex digit and an index. */
export function awsId(prefix: string, index: number): string {
  return `i-${prefix}${index.toString(16).padStart(16, "0")}`;
}

type FleetInstances = FleetInput["instances"];

/** Fleet entries for these IDs in one region, running and tagged env=test unless `extra` says otherwise. */
export function fleetOf(
  provider: "tencent" | "aws",
  region: string,
  instanceIds: readonly string[],
  extra: Record<string, unknown> = {},
): FleetInstances {
  return instanceIds.map(
    (instanceId) =>
      ({
        provider,
        region,
        instanceId,
        state: provider === "tencent" ? "RUNNING" : "running",
        tags: { env: "test" },
        ...extra,
      }) as FleetInstances[number],
  );
}

/**
 * One local cloud per test: `start(instances, options)` starts it, and it is closed after each test of the file that
 * called this.
 */
export function harnessPerTest(): (
  instances: FleetInstances,
  options?: Omit<LocalCloudOptions, "fleet">,
) => Promise<Harness> {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return async (instances, options = {}) => {
    harness = await startHarness({ instances }, options);
    return harness;
  };
}
