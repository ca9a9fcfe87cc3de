/** The script most people write (one StopInstances call per instance) against powercron, on 100 CVM instances. */
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import type { Fleet, LocalCloud } from "../../../src/local-cloud/index.ts";
import { TencentCvmProvider } from "../../../src/providers/tencent/tencent-cvm-provider.ts";
import { report, runFunction, sleep, withCloud } from "../harness.ts";
import { fleetOf, LATENCY_MS, TENCENT_REGIONS } from "./fleet-shape.ts";

const NAIVE_SLICE = 100;

/** For each instance, one StopInstances call, retried after a second when throttled. */
async function naiveStop(cloud: LocalCloud, region: string, ids: readonly string[]): Promise<number> {
  const env = localCloudEnv(cloud.url);
  const provider = new TencentCvmProvider({
    region,
    endpoint: cloud.url,
    requestTimeoutMs: 10_000,
    credential: () => ({ secretId: env.TENCENTCLOUD_SECRET_ID ?? "", secretKey: env.TENCENTCLOUD_SECRET_KEY ?? "" }),
  });
  const started = performance.now();
  for (const id of ids) {
    for (;;) {
      try {
        await provider.stop([id], { shutdown: "graceful-then-forced", releaseComputeWhileStopped: false } as never);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "RequestLimitExceeded") throw error;
        await sleep(1_000);
      }
    }
  }
  return performance.now() - started;
}

export async function naiveRun(runner: string, dir: string) {
  const region = TENCENT_REGIONS[0] as string;
  // Both start from the same slice; each validates it into its own store, so the input is not shared state.
  const slice: Fleet = {
    instances: fleetOf({ tencent: { regions: [region], perRegion: 1000 } }, 1).instances.slice(0, NAIVE_SLICE),
  };
  const ids = slice.instances.map((i) => i.instanceId);
  const naiveMs = await withCloud({ fleet: slice, latencyMs: LATENCY_MS }, (cloud) => naiveStop(cloud, region, ids));
  const ours = await withCloud({ fleet: slice, latencyMs: LATENCY_MS }, (cloud) =>
    runFunction(runner, dir, cloud, { provider: "tencent", region, instanceIds: ids }),
  );
  console.log(`\n— naive script vs powercron: ${NAIVE_SLICE} running CVM instances in one region —`);
  report("naive one call per instance (ms)", naiveMs.toFixed(0));
  report("powercron (ms)", ours.durationMs.toFixed(0));
  report("speed-up", `${(naiveMs / ours.durationMs).toFixed(1)}×`);
  return { naiveMs, oursMs: ours.durationMs, stopped: ours.totals.stopped ?? 0 };
}
