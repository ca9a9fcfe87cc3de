import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEXT_STEPS } from "../../src/cli/demo-command.ts";
import { buildProgram, COMMANDS } from "../../src/cli/program.ts";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";

const run = promisify(execFile);
let outdir: string;

/** Runs the freshly built CLI, as bin/powercron.mjs does, with these arguments. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, "main.mjs")).href)});
await m.main(${JSON.stringify(args)});`;
  return run(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** Every file main.mjs loads before it runs: its static imports, transitively. */
async function staticGraph(file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = await readFile(join(outdir, file), "utf8");
  for (const match of text.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"/gm)) await staticGraph(match[1] ?? "", seen);
  return seen;
}

beforeAll(async () => {
  // Inside the repository, so that the built CLI resolves esbuild from node_modules as bin/cli/ does.
  await mkdir(join(REPO_ROOT, "node_modules/.cache"), { recursive: true });
  outdir = await mkdtemp(join(REPO_ROOT, "node_modules/.cache/powercron-cli-"));
  await run(process.execPath, [join(REPO_ROOT, "scripts/build-cli.mjs"), "--outdir", outdir], { cwd: REPO_ROOT });
}, 120_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe("Function: the powercron CLI (prebuilt)", () => {
  it("lists every command with the command's own description", async () => {
    const program = await buildProgram("all");
    const loaded = Object.fromEntries(program.commands.map((command) => [command.name(), command.description()]));
    for (const command of COMMANDS) expect(command.summary, command.name).toBe(loaded[command.name]);
    expect(COMMANDS.map((command) => command.name).sort()).toEqual(Object.keys(loaded).sort());
  });

  it("prints the package's version with --version", async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
    const result = await cli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it("prints help naming every command, loading no command module", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command.name);
    const graph = await staticGraph("main.mjs");
    for (const file of graph) {
      const text = await readFile(join(outdir, file), "utf8");
      expect(text, file).not.toMatch(/tencentcloud-sdk|@aws-sdk|node_modules\/zod|src\/engine|src\/local-cloud/);
    }
  });

  it("answers --help with the help the build rendered (help.txt), the program's own at 80 columns", async () => {
    const built = await readFile(join(outdir, "help.txt"), "utf8");
    expect(built).toBe((await buildProgram(undefined)).helpInformation());
    expect((await cli(["--help"])).stdout).toBe(built);
    expect((await cli(["help"])).stdout).toBe(built);
  });

  it("answers --version and --help without loading the program (commander, the registries)", async () => {
    const graph = await staticGraph("main.mjs");
    for (const file of graph) {
      const text = await readFile(join(outdir, file), "utf8");
      expect(text, file).not.toMatch(/node_modules\/commander|src\/providers|src\/cli\/program\.ts/);
    }
  });

  it("exits 2 on an unknown command or option, 0 on a command's --help", async () => {
    expect((await cli(["stopp"])).code).toBe(2);
    expect((await cli(["deploy", "scf", "--stagee", "x"])).code).toBe(2);
    const help = await cli(["deploy", "scf", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--stage <name>");
  });

  it("shows the triggers under the names a deploy of the stage gives them", async () => {
    const result = await cli(["triggers", "--stage", "dev", "--json"]);
    expect(result.code).toBe(0);
    const { scf, aws } = JSON.parse(result.stdout) as { scf: { name: string }[]; aws: { name: string }[] };
    expect(aws.map((trigger) => trigger.name)).toContain("powercron-dev-payments-test-stop");
    expect(scf.length).toBeGreaterThan(0);
    for (const trigger of scf) expect(trigger.name).toMatch(/^dev-[a-z0-9-]+-[0-9a-f]{6}$/);
  });

  it("ends the demo with commands that exist", async () => {
    const program = await buildProgram("all");
    const names = program.commands.map((command) => command.name());
    for (const match of NEXT_STEPS.matchAll(/npx powercron ([a-z-]+)/g)) expect(names).toContain(match[1]);
    expect(NEXT_STEPS).not.toMatch(/replay/);
  });
});
