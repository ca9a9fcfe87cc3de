import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { type BuiltBundle, buildAll, bundleFunction, handlerString, REPO_ROOT } from "../../src/deploy/bundle.ts";
import { notInBundleMessage } from "../../src/deploy/bundle-clouds.ts";
import { isOwnSource, type SourceMapV3, trimSourceMap } from "../../src/deploy/source-map-trim.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";

const run = promisify(execFile);
const TENCENT_ID = "ins-0bund1e1";
const AWS_ID = "i-0abc0000b0d1e0001";
/** ECS-shaped IDs (a letter past f: never EC2-shaped), one per platform's bundle. */
const ALIBABA_IDS = { scf: "i-bp1bund1escfzzzzzzz", aws: "i-bp1bund1elambdazzzz" } as const;
/** What only the Alibaba SDK holds: its request signature's name (openapi-core). */
const ALIBABA_SDK = "ACS3-HMAC-SHA256";

let workDir: string;
let bundles: readonly BuiltBundle[];
/** The stop bundles of a config with an Alibaba group on each platform. */
let alibabaBundles: Record<"scf" | "aws", BuiltBundle>;
let cloud: LocalCloud;

function bundleOf(platform: "scf" | "aws", name: "start" | "stop"): BuiltBundle {
  const found = bundles.find((bundle) => bundle.platform === platform && bundle.name === name);
  if (!found) throw new Error(`no ${platform}/${name} bundle`);
  return found;
}

/** Loads a bundle in a fresh node process, as the platform would, and calls its handler with one event. */
async function invoke(
  bundle: BuiltBundle,
  event: unknown,
  extraEnv: Record<string, string> = {},
): Promise<{ ok: boolean; text: string; stdout: string }> {
  const exportName = bundle.platform === "scf" ? "main_handler" : "handler";
  const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle.entry).href)});
const handler = m.${exportName} ?? m.default?.${exportName};
try { const report = await handler(${JSON.stringify(event)}, {}); console.log("OK " + JSON.stringify(report.totals ?? report)); }
catch (error) { console.log("ERR " + error.message); }`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: bundle.dir,
    env: { PATH: process.env.PATH ?? "", ...localCloudEnv(cloud.url), POWER_TIME_BUDGET_SECONDS: "10", ...extraEnv },
  });
  const last = stdout.trim().split("\n").at(-1) ?? "";
  return { ok: last.startsWith("OK "), text: last, stdout };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-bundle-"));
  bundles = await buildAll(["scf", "aws"], { distDir: join(workDir, "dist") });
  const repoConfig = await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8");
  const group = (name: string, extra: string) =>
    `  - { name: ${name}, provider: alibaba, regions: [cn-hangzhou, cn-shanghai], tags: { team: ali }, stop: '0 21 * * *', timezone: Asia/Shanghai${extra} }`;
  const configFile = join(workDir, "alibaba.yaml");
  await writeFile(
    configFile,
    repoConfig.replace("\ncalendars:", `\n${group("ali-scf", "")}\n${group("ali-aws", ", platform: aws")}\ncalendars:`),
  );
  const [scf, aws] = await Promise.all(
    (["scf", "aws"] as const).map((platform) =>
      bundleFunction(platform, "stop", { distDir: join(workDir, "alibaba"), configFile }),
    ),
  );
  alibabaBundles = { scf: scf as BuiltBundle, aws: aws as BuiltBundle };
  cloud = await startLocalCloud({
    transitionMs: 20,
    fleet: {
      instances: [
        { provider: "tencent", region: "ap-guangzhou", instanceId: TENCENT_ID, state: "STOPPED", tags: {} },
        { provider: "aws", region: "us-east-1", instanceId: AWS_ID, state: "stopped", tags: {} },
        ...Object.values(ALIBABA_IDS).map((instanceId) => ({
          provider: "alibaba" as const,
          region: "cn-shanghai",
          instanceId,
          state: "Running" as const,
          tags: { team: "ali" },
        })),
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: buildAll", () => {
  it("zips index.js, CommonJS with main_handler for SCF (its front, and full.js) and ESM with handler for Lambda, with map and config", async () => {
    const scf = unzipSync(await readFile(bundleOf("scf", "start").zip));
    expect(Object.keys(scf).sort()).toEqual(["full.js", "full.js.map", "index.js", "package.json", "schedules.yaml"]);
    expect(handlerString("scf", "start")).toBe("index.main_handler");
    const aws = unzipSync(await readFile(bundleOf("aws", "stop").zip));
    expect(Object.keys(aws).sort()).toEqual([
      "config/schedules.yaml",
      "dist/aws/stop/index.js",
      "dist/aws/stop/index.js.map",
      "dist/aws/stop/package.json",
    ]);
    expect(handlerString("aws", "stop")).toBe("dist/aws/stop/index.handler");
  });

  it("keeps the other cloud's SDK out of each bundle", async () => {
    const scfBundle = bundleOf("scf", "start");
    const scf = `${await readFile(scfBundle.entry, "utf8")}${await readFile(scfBundle.fullEntry ?? "", "utf8")}`;
    const aws = await readFile(bundleOf("aws", "start").entry, "utf8");
    expect(scf).not.toMatch(/EC2Client|@aws-sdk|smithy/);
    expect(aws).not.toMatch(/tencentcloud-sdk|TencentCloudSDKHttpException|TC3-HMAC-SHA256/);
  });

  it("meets the zip size targets (SCF ≤ 300 KB, Lambda ≤ 560 KB: the EC2, SNS and STS clients)", () => {
    for (const bundle of bundles)
      expect(bundle.zipBytes).toBeLessThanOrEqual((bundle.platform === "scf" ? 300 : 560) * 1024);
  });

  it("builds byte-identical zips from identical inputs", async () => {
    const again = await buildAll(["scf"], { distDir: join(workDir, "again") });
    for (const bundle of again) {
      const first = await readFile(bundleOf("scf", bundle.name).zip);
      expect(Buffer.compare(await readFile(bundle.zip), first)).toBe(0);
    }
  });
});

describe("Function: the bundled handlers", () => {
  it("start a CVM instance from the SCF bundle", async () => {
    const answer = await invoke(bundleOf("scf", "start"), {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceIds: [TENCENT_ID],
    });
    expect(answer.ok, answer.text).toBe(true);
    expect(
      cloud.calls().some((call) => call.action === "StartInstances" && call.instanceIds.includes(TENCENT_ID)),
    ).toBe(true);
  });

  it("start an EC2 instance from the Lambda bundle", async () => {
    const answer = await invoke(bundleOf("aws", "start"), {
      provider: "aws",
      region: "us-east-1",
      instanceIds: [AWS_ID],
    });
    expect(answer.ok, answer.text).toBe(true);
    expect(cloud.calls().some((call) => call.action === "StartInstances" && call.instanceIds.includes(AWS_ID))).toBe(
      true,
    );
  });

  it("log the config digest compiled in, and fail without a cloud call when the deploy names another", async () => {
    const bundle = bundleOf("scf", "start");
    expect(bundle.configDigest).toMatch(/^[0-9a-f]{16}$/);
    const event = { provider: "tencent", region: "ap-guangzhou", instanceIds: [TENCENT_ID] };
    const matching = await invoke(bundle, event, { POWERCRON_CONFIG_DIGEST: bundle.configDigest });
    expect(matching.ok, matching.text).toBe(true);
    expect(matching.stdout).toContain(`"configDigest":"${bundle.configDigest}"`);
    cloud.resetCalls();
    const stale = await invoke(bundle, event, { POWERCRON_CONFIG_DIGEST: "0000000000000000" });
    expect(stale.ok).toBe(false);
    expect(stale.text).toContain(
      `deployed for config "0000000000000000" but its code carries config "${bundle.configDigest}"`,
    );
    expect(cloud.calls()).toEqual([]);
  });

  it("fail only the target of a cloud the bundle does not carry, saying what to do; the other targets run", async () => {
    cloud.resetCalls();
    const answer = await invoke(bundleOf("scf", "stop"), {
      targets: [
        { provider: "tencent", region: "ap-guangzhou", instanceIds: [TENCENT_ID] },
        { provider: "aws", region: "us-east-1", instanceIds: [AWS_ID] },
      ],
    });
    expect(answer.ok).toBe(false);
    expect(answer.text).toBe(`ERR stop failed for 1 of 2 instances: ${AWS_ID} (failed: CloudNotInBundle)`);
    // The detail line carries the stub's message: what is missing and what to do.
    expect(answer.stdout).toContain(JSON.stringify(notInBundleMessage("scf", "aws")));
    expect(answer.stdout).not.toMatch(/\n\s+at /);
    const calls = cloud.calls();
    expect(calls.some((call) => call.instanceIds.includes(TENCENT_ID))).toBe(true);
    expect(calls.filter((call) => call.provider === "aws")).toEqual([]);
  });
});

describe("Function: bundles chosen per config", () => {
  it("carry Alibaba ECS in the SCF and Lambda bundles of a config with an Alibaba group on each", async () => {
    for (const platform of ["scf", "aws"] as const) {
      const bundle = alibabaBundles[platform];
      expect(bundle.clouds).toContain("alibaba");
      const text = await readFile(bundle.fullEntry ?? bundle.entry, "utf8");
      expect(text).toContain(ALIBABA_SDK);
      expect(text).not.toContain(notInBundleMessage(platform, "alibaba"));
    }
  });

  it("leave it out of both bundles of the repository's config (no Alibaba group), with the stub in its place", async () => {
    for (const platform of ["scf", "aws"] as const) {
      const bundle = bundleOf(platform, "stop");
      expect(bundle.clouds).not.toContain("alibaba");
      const text = await readFile(bundle.fullEntry ?? bundle.entry, "utf8");
      expect(text).not.toContain(ALIBABA_SDK);
      expect(text).toContain(notInBundleMessage(platform, "alibaba"));
    }
  });

  it.each(["scf", "aws"] as const)("stop an ECS instance from the %s bundle that carries Alibaba", async (platform) => {
    const instanceId = ALIBABA_IDS[platform];
    const answer = await invoke(alibabaBundles[platform], {
      provider: "alibaba",
      region: "cn-shanghai",
      instanceIds: [instanceId],
    });
    expect(answer.ok, answer.text).toBe(true);
    expect(answer.text).toBe('OK {"instances":1,"stopped":1}');
    expect(cloud.calls().some((call) => call.action === "StopInstances" && call.instanceIds.includes(instanceId))).toBe(
      true,
    );
  });

  it("fail an Alibaba target clearly from a bundle without Alibaba", async () => {
    const answer = await invoke(bundleOf("aws", "stop"), {
      provider: "alibaba",
      region: "cn-shanghai",
      tags: { team: "ali" },
    });
    expect(answer.text).toBe("ERR stop failed for 1 of 1 instance: tags:team=ali (failed: CloudNotInBundle)");
    expect(answer.stdout).toContain(JSON.stringify(notInBundleMessage("aws", "alibaba")));
  });
});

describe("Function: trimSourceMap", () => {
  it("maps our own code exactly as the full map does, and drops the dependencies", async () => {
    const { build } = await import("esbuild");
    const result = await build({
      stdin: {
        contents: 'import { z } from "zod";\nexport function check(value) {\n  return z.string().parse(value);\n}\n',
        resolveDir: process.cwd(),
        sourcefile: "src/check.ts",
        loader: "ts",
      },
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      sourcemap: "external",
      outfile: join(workDir, "check.js"),
    });
    const mapFile = result.outputFiles.find((file) => file.path.endsWith(".map"));
    const full = JSON.parse(mapFile?.text ?? "{}") as SourceMapV3;
    const trimmed = trimSourceMap(full, isOwnSource);
    expect(trimmed.sources.every(isOwnSource)).toBe(true);
    expect(trimmed.sources.length).toBeGreaterThan(0);
    expect(trimmed.mappings.length).toBeLessThan(full.mappings.length);

    const fullMap = new SourceMap(full as unknown as ConstructorParameters<typeof SourceMap>[0]);
    const trimmedMap = new SourceMap(trimmed as unknown as ConstructorParameters<typeof SourceMap>[0]);
    const code = result.outputFiles.find((file) => file.path.endsWith(".js"))?.text ?? "";
    let compared = 0;
    code.split("\n").forEach((line, lineIndex) => {
      for (let column = 0; column < line.length; column += 7) {
        const entry = fullMap.findEntry(lineIndex, column) as { originalSource?: string };
        if (entry.originalSource && isOwnSource(entry.originalSource)) {
          expect(trimmedMap.findEntry(lineIndex, column)).toEqual(entry);
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(0);
  });
});
