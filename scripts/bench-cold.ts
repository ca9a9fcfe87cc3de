/**
 * `npm run bench:cold`: zip size and cold-init time of each function bundle, against importing the unbundled SDKs.
 *
 * Cold init = the time a fresh `node` process spends loading the module: measured with process.hrtime inside the
 * child, from just before `require`/`import()` to just after it resolves (Node's own boot is excluded, the same for
 * every subject). Median of RUNS fresh processes per subject; the subjects are interleaved run by run so that machine
 * noise hits them alike. An SCF bundle with a front (index.js, which answers a tick with nothing due, and full.js, which
 * it loads for every other fire) is loaded as an acting fire loads it: index.js, then full.js.
 *
 * The tick with nothing due (scripts/bench/quiet-tick.ts): whole fresh processes, wall time and the child's peak RSS,
 * against `node -e ''`, interleaved; `--baseline-zip FILE` adds another build's SCF start zip (built from another
 * checkout, for a before/after in one run), `--baseline-cli FILE` another build's bin/powercron.mjs (its --help,
 * --version and triggers, interleaved with this one's). Builds the bundles first. Writes bench-results/cold.json.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type BuiltBundle, buildAll, defaultConfigFile, REPO_ROOT } from "../src/deploy/bundle.ts";
import { runtimeEnvironment } from "../src/platforms/deploy-check.ts";
import {
  loadConfig,
  measureQuietTicks,
  type QuietTickSubject,
  quietTickEvent,
  unzipFunction,
  type WallAndRss,
} from "./bench/quiet-tick.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    "baseline-zip": { type: "string" },
    "baseline-cli": { type: "string" },
  },
});
const RUNS = Math.max(10, Number(values.runs));
const TARGETS = {
  scfZipKb: 300,
  awsZipKb: 560,
  scfColdMs: 100,
  scfSpeedupVsAllProducts: 5,
  cliHelpVsNode: 6,
  quietTickVsNode: 1.5,
  quietTickRssMb: 64,
};

interface Subject {
  readonly label: string;
  /** An absolute file or a package path, loaded as CommonJS (`require`) or ESM (`import()`). */
  readonly load: { kind: "require" | "import"; target: string; then?: string };
  readonly zipBytes?: number;
  readonly nodeOptions?: string;
}

const requireFromRepo = createRequire(join(REPO_ROOT, "package.json"));

/** The child's script: CommonJS for `require` (as SCF loads index.js), ESM for `import()` (as Lambda loads ESM). */
function childScript(subject: Subject): { args: string[]; script: string } {
  const { kind, target, then } = subject.load;
  const load =
    kind === "require"
      ? `require(${JSON.stringify(target)})${then === undefined ? "" : `; require(${JSON.stringify(then)})`}`
      : `await import(${JSON.stringify(pathToFileURL(target).href)})`;
  const script = `const t0 = process.hrtime.bigint(); const m = ${load}; const t1 = process.hrtime.bigint();
if (Object.keys(m).length === 0) throw new Error("loaded nothing");
process.stdout.write(String(Number(t1 - t0) / 1e6));`;
  return { args: kind === "require" ? [] : ["--input-type=module"], script };
}

function measureOnce(subject: Subject): number {
  const { args, script } = childScript(subject);
  const result = spawnSync(process.execPath, [...args, "-e", script], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...(subject.nodeOptions ? { NODE_OPTIONS: subject.nodeOptions } : {}),
    },
  });
  if (result.status !== 0) throw new Error(`${subject.label}: child failed: ${result.stderr.slice(-2000)}`);
  return Number(result.stdout);
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const bundles = await buildAll();
const bundleOf = (platform: string, name: string): BuiltBundle => {
  const found = bundles.find((bundle) => bundle.platform === platform && bundle.name === name);
  if (!found) throw new Error(`no bundle ${platform}/${name}`);
  return found;
};

const subjects: Subject[] = [
  ...bundles.map(
    (bundle): Subject => ({
      label: `${bundle.platform}/${bundle.name} bundle`,
      load: {
        kind: bundle.platform === "scf" ? "require" : "import",
        target: bundle.entry,
        ...(bundle.fullEntry === undefined ? {} : { then: bundle.fullEntry }),
      },
      zipBytes: bundle.zipBytes,
    }),
  ),
  {
    label: "scf/start bundle, --enable-source-maps",
    load: {
      kind: "require",
      target: bundleOf("scf", "start").entry,
      ...(bundleOf("scf", "start").fullEntry === undefined ? {} : { then: bundleOf("scf", "start").fullEntry }),
    },
    nodeOptions: "--enable-source-maps",
  },
  {
    label: "tencentcloud-sdk-nodejs (all products, unbundled)",
    load: { kind: "require", target: requireFromRepo.resolve("tencentcloud-sdk-nodejs") },
  },
  {
    label: "tencentcloud-sdk-nodejs-cvm (unbundled)",
    load: { kind: "require", target: requireFromRepo.resolve("tencentcloud-sdk-nodejs-cvm") },
  },
  {
    label: "@aws-sdk/client-ec2 (unbundled)",
    load: { kind: "require", target: requireFromRepo.resolve("@aws-sdk/client-ec2") },
  },
];

const samples = new Map<string, number[]>(subjects.map((subject) => [subject.label, []]));
for (let run = 0; run < RUNS; run++) {
  for (const subject of subjects) samples.get(subject.label)?.push(measureOnce(subject));
}

const results = subjects.map((subject) => ({
  label: subject.label,
  loader: subject.load.kind,
  file: relative(REPO_ROOT, subject.load.target),
  ...(subject.zipBytes !== undefined ? { zipBytes: subject.zipBytes } : {}),
  coldInitMedianMs: Number(median(samples.get(subject.label) ?? []).toFixed(1)),
  samplesMs: (samples.get(subject.label) ?? []).map((ms) => Number(ms.toFixed(1))),
}));
// The CLI as a user starts it: the wall time of a whole `node bin/powercron.mjs --help` process (Node's boot
// included), against `node -e ''` on the same machine, interleaved run by run.
spawnSync(process.execPath, [join(REPO_ROOT, "scripts/build-cli.mjs")], { cwd: REPO_ROOT, stdio: "ignore" });
const CLI_SUBJECTS: Record<string, readonly string[]> = {
  "node -e ''": ["-e", ""],
  "powercron --help": [join(REPO_ROOT, "bin/powercron.mjs"), "--help"],
  "powercron --version": [join(REPO_ROOT, "bin/powercron.mjs"), "--version"],
  // A command that reads and checks the config (YAML, zod, cron-parser) and makes no call: no SDK is loaded.
  "powercron plan --days 1": [
    join(REPO_ROOT, "bin/powercron.mjs"),
    "plan",
    "--days",
    "1",
    "--config",
    defaultConfigFile(),
  ],
  // Reads the config and renders every platform's triggers: no call, no SDK.
  "powercron triggers": [join(REPO_ROOT, "bin/powercron.mjs"), "triggers", "--config", defaultConfigFile()],
  ...baselineCli(values["baseline-cli"]),
};
/** Another build's CLI (`--baseline-cli path/to/bin/powercron.mjs`), for a before/after in one run. */
function baselineCli(bin: string | undefined): Record<string, readonly string[]> {
  if (bin === undefined) return {};
  return {
    "baseline powercron --help": [bin, "--help"],
    "baseline powercron --version": [bin, "--version"],
    "baseline powercron triggers": [bin, "triggers", "--config", defaultConfigFile()],
  };
}
const wallSamples = new Map<string, number[]>(Object.keys(CLI_SUBJECTS).map((label) => [label, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [label, args] of Object.entries(CLI_SUBJECTS)) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [...args], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${label}: exit ${result.status}: ${result.stderr.slice(-2000)}`);
    wallSamples.get(label)?.push(elapsed);
  }
}
const cli = Object.fromEntries(
  [...wallSamples].map(([label, samplesMs]) => [
    label,
    { wallMedianMs: Number(median(samplesMs).toFixed(1)), samplesMs: samplesMs.map((ms) => Number(ms.toFixed(1))) },
  ]),
);
const nodeMs = cli["node -e ''"]?.wallMedianMs ?? Number.NaN;
const helpMs = cli["powercron --help"]?.wallMedianMs ?? Number.NaN;

// The SCF start function's tick with nothing due, from its zip as deployed (and the baseline zip's, if given).
const unzipped = await mkdtemp(join(tmpdir(), "powercron-cold-"));
const tickDir = await unzipFunction(bundleOf("scf", "start").zip, unzipped);
const tickSubjects: QuietTickSubject[] = [
  { label: "scf/start tick, nothing due", dir: tickDir },
  // As the deploy runs it at 128 MB: NODE_OPTIONS (source maps, heap limits) and the allocator setting.
  { label: "the same, with the deploy's NODE_OPTIONS", dir: tickDir, env: runtimeEnvironment(128) },
  ...(values["baseline-zip"] === undefined
    ? []
    : [{ label: "baseline scf/start tick, nothing due", dir: await unzipFunction(values["baseline-zip"], unzipped) }]),
];
const tickEvent = quietTickEvent(await loadConfig(defaultConfigFile()));
const quiet = measureQuietTicks(tickSubjects, tickEvent, RUNS);
await rm(unzipped, { recursive: true, force: true });
const quietFigures = Object.fromEntries(
  [...quiet.samples].map(([label, runs]: [string, WallAndRss[]]) => [
    label,
    {
      wallMedianMs: Number(median(runs.map((r) => r.wallMs)).toFixed(1)),
      maxRssMedianMb: Number(median(runs.map((r) => r.maxRssKb / 1024)).toFixed(1)),
      ...(quiet.fullLoaded.has(label) ? { fullEntryLoaded: quiet.fullLoaded.get(label) } : {}),
      wallSamplesMs: runs.map((r) => Number(r.wallMs.toFixed(1))),
    },
  ]),
);
const quietNode = quietFigures["node -e ''"];
const quietTick = quietFigures["scf/start tick, nothing due"];

const medianOf = (label: string) => results.find((result) => result.label === label)?.coldInitMedianMs ?? Number.NaN;
const kb = (bytes: number | undefined) => (bytes ?? 0) / 1024;

const scfStart = medianOf("scf/start bundle");
const allProducts = medianOf("tencentcloud-sdk-nodejs (all products, unbundled)");
const checks = [
  ...bundles.map((bundle) => {
    const limit = bundle.platform === "scf" ? TARGETS.scfZipKb : TARGETS.awsZipKb;
    return {
      what: `${bundle.platform}/${bundle.name} zip size`,
      value: `${kb(bundle.zipBytes).toFixed(1)} KB`,
      target: `≤ ${limit} KB`,
      met: kb(bundle.zipBytes) <= limit,
    };
  }),
  ...(["start", "stop"] as const).map((name) => {
    const ms = medianOf(`scf/${name} bundle`);
    return {
      what: `scf/${name} cold init`,
      value: `${ms.toFixed(1)} ms`,
      target: `≤ ${TARGETS.scfColdMs} ms`,
      met: ms <= TARGETS.scfColdMs,
    };
  }),
  // An acting fire's bundle costs about its SDK (issue 24): SCF's within 10 ms of the CVM SDK's, Lambda's within 15 ms
  // of the EC2 client's.
  ...bundles.map((bundle) => {
    const sdk =
      bundle.platform === "scf" ? "tencentcloud-sdk-nodejs-cvm (unbundled)" : "@aws-sdk/client-ec2 (unbundled)";
    const margin = bundle.platform === "scf" ? 10 : 15;
    const ms = medianOf(`${bundle.platform}/${bundle.name} bundle`);
    return {
      what: `${bundle.platform}/${bundle.name} cold init vs ${sdk.replace(" (unbundled)", "")} alone`,
      value: `${ms.toFixed(1)} ms vs ${medianOf(sdk).toFixed(1)} ms`,
      target: `≤ its SDK + ${margin} ms`,
      met: ms <= medianOf(sdk) + margin,
    };
  }),
  {
    what: "scf/start cold init vs all-products Tencent SDK",
    value: `${(allProducts / scfStart).toFixed(1)}× faster`,
    target: `≥ ${TARGETS.scfSpeedupVsAllProducts}×`,
    met: allProducts / scfStart >= TARGETS.scfSpeedupVsAllProducts,
  },
  {
    what: "scf/start tick with nothing due, wall time vs node -e ''",
    value: `${quietTick?.wallMedianMs} ms vs ${quietNode?.wallMedianMs} ms = ${((quietTick?.wallMedianMs ?? Number.NaN) / (quietNode?.wallMedianMs ?? Number.NaN)).toFixed(2)}×`,
    target: `≤ ${TARGETS.quietTickVsNode}×`,
    met: (quietTick?.wallMedianMs ?? Number.NaN) / (quietNode?.wallMedianMs ?? Number.NaN) <= TARGETS.quietTickVsNode,
  },
  {
    what: "scf/start tick with nothing due, peak RSS",
    value: `${quietTick?.maxRssMedianMb} MB (node -e '': ${quietNode?.maxRssMedianMb} MB); full.js ${quiet.fullLoaded.get("scf/start tick, nothing due") ? "loaded" : "never loaded"}`,
    target: `≤ ${TARGETS.quietTickRssMb} MB, full.js never loaded`,
    met:
      (quietTick?.maxRssMedianMb ?? Number.NaN) <= TARGETS.quietTickRssMb &&
      quiet.fullLoaded.get("scf/start tick, nothing due") === false,
  },
  {
    what: "powercron --help wall time vs node -e ''",
    value: `${helpMs.toFixed(1)} ms vs ${nodeMs.toFixed(1)} ms = ${(helpMs / nodeMs).toFixed(2)}×`,
    target: `≤ ${TARGETS.cliHelpVsNode}×`,
    met: helpMs / nodeMs <= TARGETS.cliHelpVsNode,
  },
];

console.log(`cold init: median of ${RUNS} fresh node ${process.version} processes, hrtime around the load, in-child`);
for (const result of results) {
  const zip = result.zipBytes !== undefined ? `zip ${kb(result.zipBytes).toFixed(1).padStart(6)} KB` : " ".repeat(13);
  console.log(`${result.label.padEnd(52)} ${zip}  cold init ${result.coldInitMedianMs.toFixed(1).padStart(7)} ms`);
}
for (const [label, figures] of Object.entries(cli)) {
  console.log(`${label.padEnd(52)} ${" ".repeat(13)}  wall time ${figures.wallMedianMs.toFixed(1).padStart(7)} ms`);
}
console.log(
  `tick with nothing due (${tickEvent.Time}, ${tickEvent.TriggerName}): median of ${RUNS} whole fresh processes, interleaved`,
);
for (const [label, figures] of Object.entries(quietFigures)) {
  console.log(
    `${label.padEnd(52)} ${" ".repeat(13)}  wall time ${figures.wallMedianMs.toFixed(1).padStart(7)} ms  peak RSS ${figures.maxRssMedianMb.toFixed(1).padStart(5)} MB`,
  );
}
console.log("targets:");
for (const check of checks) {
  console.log(`  ${check.met ? "met    " : "MISSED "} ${check.what}: ${check.value} (target ${check.target})`);
}

await mkdir(join(REPO_ROOT, "bench-results"), { recursive: true });
const outFile = join(REPO_ROOT, "bench-results", "cold.json");
await writeFile(
  outFile,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      node: process.version,
      method: "median of fresh node processes; process.hrtime around require()/import() inside the child",
      runs: RUNS,
      results,
      cli: {
        method: "median wall time of whole fresh processes (Node's boot included), interleaved with node -e ''",
        ...cli,
        helpVsNode: Number((helpMs / nodeMs).toFixed(2)),
      },
      quietTick: {
        method:
          "median wall time and peak RSS (VmHWM at exit) of whole fresh processes calling main_handler with a start tick at which no group is due, interleaved with node -e ''",
        event: tickEvent,
        ...quietFigures,
      },
      checks,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${relative(REPO_ROOT, outFile)}`);
if (checks.some((check) => !check.met)) process.exitCode = 1;
