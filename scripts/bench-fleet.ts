/**
 * `npm run bench`: the fleet benchmark. The harness (scripts/bench/harness.ts) bundles the function per platform as
 * the deploy does and runs it in a child process (so its peak RSS is its own) against the local cloud in this
 * process; the scenarios (scripts/bench/scenarios/) each print their figures with their targets:
 *   1. clean: 10 × 1,000 CVM and 2 × 1,000 EC2, 20 ms latency, default limits;
 *   2. faults: the same with 20% throttling, 5% server errors, 2% hung requests, and instances outside the request;
 *   3. naive: one call per instance against powercron on 100 instances;
 *   4. scale: 10 × 10,000 CVM in one SCF function (multi-region);
 *   5. with --scale: 100,000 CVM in one region and 2 × 50,000 EC2, each in one function;
 *   6. failure semantics: a lost answer, one refused instance in 100, two overlapping runs, account-wide throttling,
 *      a zone short of capacity (scripts/bench/scenarios/failures.ts);
 *   7. an enforce tick over 10 × 1,000 stopped CVM instances with nothing drifted (describe calls only);
 *   8. many accounts: 5 AWS accounts × 2,000 EC2 instances reached through assumed roles;
 *   9. Alibaba ECS: 2 × 5,000 ECS instances by tag stopped with StopCharging (scripts/bench/scenarios/alibaba.ts);
 *  10. the CLI: `powercron run stop` over 11,000 instances by tag in 4 regions, its start-up share and peak RSS
 *      (scripts/bench/scenarios/cli-fleet.ts; it runs the prebuilt bin/cli: `npm run build:cli` first).
 *  11. fan-out: 300 AWS accounts × 100 instances in one fire, through Lambda Invoke (scripts/bench/scenarios/fan-out.ts).
 * `-- --scale-only` runs the three scale scenarios alone; `--failures-only`, `--accounts-only`, `--alibaba-only`,
 * `--cli-only` and `--fan-out-only` likewise.
 * Each function runs with the Node flags the deploy gives a 128 MB function (NODE_OPTIONS).
 * The results go to bench-results/fleet.json.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleRunners, lines } from "./bench/harness.ts";
import { accountsRun } from "./bench/scenarios/accounts.ts";
import { alibabaRun } from "./bench/scenarios/alibaba.ts";
import { cleanRun } from "./bench/scenarios/clean.ts";
import { cliFleetRun } from "./bench/scenarios/cli-fleet.ts";
import { enforceRun } from "./bench/scenarios/enforce.ts";
import { failureRuns } from "./bench/scenarios/failures.ts";
import { fanOutRun } from "./bench/scenarios/fan-out.ts";
import { faultRun } from "./bench/scenarios/faults.ts";
import { AWS_REGIONS, LATENCY_MS, TENCENT_REGIONS } from "./bench/scenarios/fleet-shape.ts";
import { naiveRun } from "./bench/scenarios/naive.ts";
import { SCALE_SCENARIOS, scaleRun } from "./bench/scenarios/scale.ts";

async function main(): Promise<void> {
  const withScale = process.argv.includes("--scale");
  if (process.argv.includes("--scale-only")) {
    const dir = await mkdtemp(path.join(tmpdir(), "powercron-bench-"));
    const runners = await bundleRunners(dir);
    for (const scenario of SCALE_SCENARIOS) await scaleRun(runners, dir, scenario);
    return;
  }
  if (process.argv.includes("--failures-only")) {
    await failureRuns();
    return;
  }
  if (process.argv.includes("--accounts-only")) {
    const dir = await mkdtemp(path.join(tmpdir(), "powercron-bench-"));
    await accountsRun((await bundleRunners(dir)).aws, dir);
    return;
  }
  if (process.argv.includes("--fan-out-only")) {
    await fanOutRun();
    return;
  }
  if (process.argv.includes("--cli-only")) {
    await cliFleetRun(await mkdtemp(path.join(tmpdir(), "powercron-bench-")));
    return;
  }
  if (process.argv.includes("--alibaba-only")) {
    await alibabaRun(await mkdtemp(path.join(tmpdir(), "powercron-bench-")));
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "powercron-bench-"));
  const runners = await bundleRunners(dir);
  console.log(
    `fleet benchmark: ${TENCENT_REGIONS.length}×1000 CVM + ${AWS_REGIONS.length}×1000 EC2, latency ${LATENCY_MS} ms, default rate limits\n`,
  );
  const clean = await cleanRun(runners, dir);
  const faulty = await faultRun(runners, dir);
  const naive = await naiveRun(runners.scf, dir);
  const scale = [];
  for (const scenario of SCALE_SCENARIOS.filter((s) => withScale || !s.onlyWithScaleFlag)) {
    scale.push(await scaleRun(runners, dir, scenario));
  }
  if (!withScale) console.log("\n(100,000 CVM in one region and 2 × 50,000 EC2: npm run bench -- --scale)");
  const failures = await failureRuns();
  const enforce = await enforceRun();
  const accounts = await accountsRun(runners.aws, dir);
  const alibaba = await alibabaRun(dir);
  const cli = await cliFleetRun(dir);
  const fanOut = await fanOutRun();

  await mkdir("bench-results", { recursive: true });
  const results = {
    when: new Date().toISOString(),
    node: process.version,
    lines,
    clean,
    faulty,
    naive,
    fanOut,
    scale,
    failures,
    alibaba,
    cli,
  };
  await writeFile("bench-results/fleet.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nresults written to bench-results/fleet.json");
}

await main();
