import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { type BuiltBundle, buildAll, handlerString } from "../../src/deploy/bundle.ts";
import { isOwnSource, type SourceMapV3, trimSourceMap } from "../../src/deploy/source-map-trim.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";

const run = promisify(execFile);
const TENCENT_ID = "ins-0bund1e1";
const AWS_ID = "i-0abc0000b0d1e0001";

let workDir: string;
let bundles: readonly BuiltBundle[];
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
  cloud = await startLocalCloud({
    transitionMs: 20,
    fleet: {
      instances: [
        { provider: "tencent", region: "ap-guangzhou", instanceId: TENCENT_ID, state: "STOPPED", tags: {} },
        { provider: "aws", region: "us-east-1", instanceId: AWS_ID, state: "stopped", tags: {} },
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

  it("say clearly that the SCF bundle does not manage EC2", async () => {
    const answer = await invoke(bundleOf("scf", "stop"), {
      provider: "aws",
      region: "us-east-1",
      instanceIds: [AWS_ID],
    });
    expect(answer.text).toMatch(/AWS EC2 is not available in the scf bundle/);
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
