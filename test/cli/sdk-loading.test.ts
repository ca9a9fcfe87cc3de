/**
 * Which clouds' SDKs the real `powercron` (bin/powercron.mjs over the prebuilt bin/cli/, `npm run build:cli`) loads
 * for each command: a loader hook in the child records every file it loads, and each chunk's source map tells the
 * packages inside it. A command that makes no cloud call loads no SDK; `run` loads only those of its targets' clouds.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, type ProviderName } from "../../src/domain/index.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { REPO, runCli } from "./support/cli-process.ts";

/** The packages that make up each cloud's SDK. */
const SDK_PACKAGES: Readonly<Record<ProviderName, RegExp>> = {
  tencent: /^tencentcloud-sdk-/,
  aws: /^@aws-sdk\/|^@smithy\//,
  alibaba: /^@alicloud\//,
};

/** Prints each file:// URL the process loads on its standard error, one a line. */
const HOOK = `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(\`
export async function load(url, context, next) {
  if (url.startsWith("file:")) process.stderr.write("powercron-loaded " + url + "\\\\n");
  return next(url, context);
}\`));
`;

let dir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "powercron-sdk-loading-"));
  await writeFile(join(dir, "hook.mjs"), HOOK);
  cloud = await startLocalCloud({ fleet: { instances: [] } });
});

afterAll(async () => {
  await cloud?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The packages (node_modules names) inside a built chunk, from its source map. */
async function packagesOf(file: string): Promise<string[]> {
  const map = JSON.parse(await readFile(`${file}.map`, "utf8")) as { sources: string[] };
  return map.sources.flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? []);
}

/** The clouds whose SDK the command loaded, in the order of PROVIDERS. */
async function cloudsLoadedBy(args: readonly string[]): Promise<ProviderName[]> {
  const result = await runCli(args, { NODE_OPTIONS: `--import ${pathToFileURL(join(dir, "hook.mjs")).href}` });
  const chunks = [...result.stderr.matchAll(/^powercron-loaded (file:\S+)$/gm)]
    .map((match) => fileURLToPath(match[1] ?? ""))
    .filter((file) => file.startsWith(join(REPO, "bin/cli")));
  expect(chunks.length, `${args.join(" ")} loaded no CLI chunk: ${result.stderr}`).toBeGreaterThan(0);
  const packages = new Set((await Promise.all(chunks.map(packagesOf))).flat());
  return PROVIDERS.filter((name) => [...packages].some((name_) => SDK_PACKAGES[name].test(name_)));
}

const event = (name: string) => join(REPO, "config/events", name);

describe("Function: the SDKs each powercron command loads", () => {
  it.each([
    { args: ["--help"], clouds: [] },
    { args: ["--version"], clouds: [] },
    { args: ["plan", "--days", "1"], clouds: [] },
    { args: ["triggers"], clouds: [] },
    { args: ["deploy", "--help"], clouds: [] },
  ])("`powercron $args` loads no cloud SDK", async ({ args }) => {
    expect(await cloudsLoadedBy(args)).toEqual([]);
  });

  it.each([
    { file: "tencent-dry-run.json", clouds: ["tencent"] },
    { file: "aws-dry-run.json", clouds: ["aws"] },
    { file: "alibaba-stop.json", clouds: ["alibaba"] },
  ])("`powercron run` with $file loads the SDK of $clouds only", async ({ file, clouds }) => {
    const args = ["run", "stop", "--event", event(file), "--dry-run", "--local-cloud", cloud.url];
    expect(await cloudsLoadedBy(args)).toEqual(clouds);
  });
});
