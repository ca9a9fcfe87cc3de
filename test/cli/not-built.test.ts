/**
 * `npm ci --omit=dev` leaves esbuild out, so "prepare" cannot build bin/cli/: the command and the build say exactly
 * what to do instead of "run npm ci".
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { REPO } from "./support/cli-process.ts";

const run = promisify(execFile);
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A copy of the package's bin/powercron.mjs and scripts/build-cli.mjs with no bin/cli/, with or without esbuild. */
async function install(withDevDependencies: boolean): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "powercron-omit-dev-"));
  await mkdir(join(dir, "bin"));
  await mkdir(join(dir, "scripts"));
  await copyFile(join(REPO, "bin/powercron.mjs"), join(dir, "bin/powercron.mjs"));
  await copyFile(join(REPO, "scripts/build-cli.mjs"), join(dir, "scripts/build-cli.mjs"));
  await copyFile(join(REPO, "package.json"), join(dir, "package.json"));
  if (withDevDependencies) await symlink(join(REPO, "node_modules"), join(dir, "node_modules"));
  return dir;
}

async function node(cwd: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, args, { cwd, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("Installed with npm ci --omit=dev", () => {
  it("the command says esbuild is missing and to run npm ci without --omit=dev", async () => {
    const root = await install(false);
    const result = await node(root, ["bin/powercron.mjs", "--help"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("esbuild, a devDependency, is not installed (npm ci --omit=dev leaves it out)");
    expect(result.stderr).toContain("Run npm ci (without --omit=dev)");
  });

  it("the prepare build says the same and lets the install finish (exit 0)", async () => {
    const root = await install(false);
    const result = await node(root, ["scripts/build-cli.mjs"], { npm_lifecycle_event: "prepare" });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("run npm ci without --omit=dev");
  });

  it("with the dev dependencies, the command says to run npm run build:cli", async () => {
    const root = await install(true);
    const result = await node(root, ["bin/powercron.mjs", "--help"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("powercron: the CLI in bin/cli/ is not built yet: run npm run build:cli");
  });
});
