/**
 * `npx tsx scripts/bench/alibaba-sdk-cost.ts [--runs 7]`: what each cloud's adapter costs a function. For the ECS
 * adapter (@alicloud/ecs20140526), the CVM adapter (tencentcloud-sdk-nodejs-cvm) and the EC2 adapter
 * (@aws-sdk/client-ec2): the size of an esbuild bundle of the adapter (minified, platform node, target node22,
 * CommonJS), and the cold import time in a fresh node process, of that bundle and of the bare SDK package (median
 * of RUNS processes, interleaved so that machine noise hits them alike). Measured inside the child with
 * process.hrtime, from just before `require` to just after it: Node's own boot is excluded.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const RUNS = Math.max(1, Number(values.runs));
const ROOT = join(import.meta.dirname, "..", "..");
const requireFromRepo = createRequire(join(ROOT, "package.json"));

/** Each adapter is bundled from its entry; the ECS one twice: through the generated client, and openapi-core alone. */
const ADAPTERS: readonly { cloud: string; entry: string; sdk: string }[] = [
  {
    cloud: "Alibaba ECS (generated client)",
    entry: "src/providers/alibaba/ecs-sdk-client.ts",
    sdk: "@alicloud/ecs20140526",
  },
  {
    cloud: "Alibaba ECS (openapi-core only)",
    entry: "src/providers/alibaba/ecs-core-client.ts",
    sdk: "@alicloud/openapi-core",
  },
  { cloud: "Tencent CVM", entry: "src/providers/tencent/tencent-cvm-provider.ts", sdk: "tencentcloud-sdk-nodejs-cvm" },
  { cloud: "AWS EC2", entry: "src/providers/aws/ec2-provider.ts", sdk: "@aws-sdk/client-ec2" },
];

function coldMs(target: string): number {
  const script = `const t0 = process.hrtime.bigint(); const m = require(${JSON.stringify(target)}); const t1 = process.hrtime.bigint();
if (Object.keys(m).length === 0) throw new Error("loaded nothing");
process.stdout.write(String(Number(t1 - t0) / 1e6));`;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", cwd: ROOT });
  if (child.status !== 0) throw new Error(`node -e require(${target}) failed: ${child.stderr}`);
  return Number(child.stdout);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const out = await mkdtemp(join(tmpdir(), "powercron-sdk-cost-"));
try {
  const subjects = await Promise.all(
    ADAPTERS.map(async (adapter) => {
      const outfile = join(out, `${adapter.sdk.replace(/[@/]/g, "_")}.cjs`);
      await build({
        entryPoints: [join(ROOT, adapter.entry)],
        bundle: true,
        minify: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        outfile,
        logLevel: "error",
      });
      return {
        ...adapter,
        bundle: outfile,
        bundleBytes: (await stat(outfile)).size,
        sdkPath: requireFromRepo.resolve(adapter.sdk),
      };
    }),
  );
  const times = new Map(subjects.map((subject) => [subject.cloud, { bundle: [] as number[], sdk: [] as number[] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const subject of subjects) {
      times.get(subject.cloud)?.bundle.push(coldMs(subject.bundle));
      times.get(subject.cloud)?.sdk.push(coldMs(subject.sdkPath));
    }
  }
  console.log(`adapter bundle (esbuild, minified, node22, cjs) and cold require, median of ${RUNS} fresh processes`);
  console.log("| cloud | SDK | bundle KB | bundle cold ms | bare SDK cold ms |");
  console.log("|---|---|---|---|---|");
  for (const subject of subjects) {
    const measured = times.get(subject.cloud);
    console.log(
      `| ${subject.cloud} | ${subject.sdk} | ${(subject.bundleBytes / 1024).toFixed(0)} | ${median(measured?.bundle ?? []).toFixed(1)} | ${median(measured?.sdk ?? []).toFixed(1)} |`,
    );
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
