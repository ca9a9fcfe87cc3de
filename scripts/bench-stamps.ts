/**
 * What the stamps cost a run: the same stop of N instances on each cloud (default 2,000; `npx tsx
 * scripts/bench-stamps.ts 5000`) against the local cloud, with POWER_STAMPS off and on, through the functions' code
 * path; prints the duration and the calls of each. The tagging calls go one at a time per region at the APIs' rates
 * (EC2 1,000 a call, ECS and the Tag API 50), so they add about N / 50 / 10 s for ECS.
 */
import { localCloudEnv } from "../src/cli/local-env.ts";
import { type FleetInput, startLocalCloud } from "../src/local-cloud/index.ts";
import { invokePower } from "../src/runtime/invoke-power.ts";

const N = Number(process.argv[2] ?? 2000);
const CLOUDS = [
  {
    provider: "tencent",
    region: "ap-shanghai",
    state: "RUNNING",
    id: (i: number) => `ins-m${i.toString(36).padStart(7, "0")}`,
  },
  {
    provider: "aws",
    region: "us-east-1",
    state: "running",
    id: (i: number) => `i-a${i.toString(16).padStart(16, "0")}`,
  },
  {
    provider: "alibaba",
    region: "cn-hangzhou",
    state: "Running",
    id: (i: number) => `i-bp1m${i.toString(36).padStart(15, "0")}`,
  },
] as const;

const instances = CLOUDS.flatMap(({ provider, region, state, id }) =>
  Array.from({ length: N }, (_, i) => ({ provider, region, instanceId: id(i), state, tags: { env: "bench" } })),
) as FleetInput["instances"];

for (const stamps of ["off", "on"]) {
  const cloud = await startLocalCloud({ transitionMs: 30, fleet: { instances } });
  try {
    const env = { ...localCloudEnv(cloud.url), POWER_TIME_BUDGET_SECONDS: "900", POWER_STAMPS: stamps };
    const started = Date.now();
    const event = { targets: CLOUDS.map(({ provider, region }) => ({ provider, region, tags: { env: "bench" } })) };
    const report = await invokePower("stop", event, undefined, { env });
    console.log(
      `stamps ${stamps}: ${report.totals.instances} instances in ${Date.now() - started} ms; calls ${JSON.stringify(report.apiCalls)}; stamp failures ${report.stampFailures?.length ?? 0}`,
    );
  } finally {
    await cloud.close();
  }
}
