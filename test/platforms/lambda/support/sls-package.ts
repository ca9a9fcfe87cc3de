/** `npx serverless package` in a child process, offline, and what a test reads from the template it writes. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../../../src/deploy/bundle.ts";
import type { IamStatement } from "../../../../src/platforms/lambda/serverless-settings.ts";

export const run = promisify(execFile);

export interface Resource {
  Type: string;
  Properties: Record<string, unknown> & { [key: string]: unknown };
}
export interface Template {
  Resources: Record<string, Resource>;
}
export interface Packaged {
  template: Template;
  distDir: string;
  output: string;
}

/** `npx serverless package` and nothing else (no build step before it), in `workDir`, with the config `config`. */
export async function slsPackage(
  workDir: string,
  label: string,
  args: readonly string[],
  options: { config: string; env?: Record<string, string> },
): Promise<Packaged> {
  const packageDir = join(workDir, `package-${label}`);
  const distDir = join(workDir, `dist-${label}`);
  const { stdout, stderr } = await run(
    process.execPath,
    [join(REPO_ROOT, "node_modules/osls/bin/serverless.js"), "package", "--package", packageDir, ...args],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: workDir,
        POWER_CONFIG: options.config,
        POWERCRON_DIST_DIR: distDir,
        SLS_TELEMETRY_DISABLED: "1",
        SLS_NOTIFICATIONS_MODE: "off",
        // No credentials are needed to package; fake ones keep the framework from looking for any.
        AWS_ACCESS_KEY_ID: "AKIDFAKEFORPACKAGE",
        AWS_SECRET_ACCESS_KEY: "fake-secret-for-package",
        AWS_REGION: "us-east-1",
        ...options.env,
      },
      timeout: 150_000,
    },
  );
  const template = JSON.parse(await readFile(join(packageDir, "cloudformation-template-update-stack.json"), "utf8"));
  return { template, distDir, output: `${stdout}${stderr}` };
}

export function resourcesOf(template: Template, type: string): Resource[] {
  return Object.values(template.Resources).filter((resource) => resource.Type === type);
}

export function roleStatements(template: Template, logicalId: string): IamStatement[] {
  const role = template.Resources[logicalId];
  return ((role?.Properties.Policies ?? []) as { PolicyDocument: { Statement: IamStatement[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
}
