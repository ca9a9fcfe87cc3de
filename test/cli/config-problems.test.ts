/**
 * What a person meets when the config or an event has a mistake, through the built CLI in a child process
 * (`npm run build:cli` first): the line, the group's name, the key meant, and never a secret.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";

const run = promisify(execFile);

const GROUP = `groups:
  - name: web
    provider: tencent
    region: ap-shanghai
    tags: { env: test }
    timezone: Asia/Shanghai
    stop: "0 21 * * *"
`;
const SIGNING_SECRET = "SECxLarkSigning0123456789abcdef";
const HOOK_TOKEN = "b7c3a9f2-77aa-4e1b-9c3d-0a1b2c3d4e5f";

let dir: string;
const file = (name: string) => join(dir, name);

async function powercron(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  return run(process.execPath, [join(REPO_ROOT, "bin/powercron.mjs"), ...args], { cwd: dir, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "powercron-config-problems-"));
  await writeFile(
    file("typo.yaml"),
    `${GROUP}  - name: qa-box\n    provider: tencent\n    region: ap-shanghai\n    tags: { env: qa }\n    timezone: Asia/Shanghai\n    strat: "0 8 * * 1-5"\n    stop: "0 20 * * 1-5"\n`,
  );
  await writeFile(
    file("lark.yaml"),
    `${GROUP}notify:\n  channels:\n    - { type: lark, url: "https://open.larksuite.com/open-apis/bot/v2/hook/${HOOK_TOKEN}", secret: "${SIGNING_SECRET}" }\n`,
  );
  await writeFile(
    file("sns-secret.yaml"),
    `${GROUP}notify:\n  channels:\n    - { type: sns, topicArn: "arn:aws:sns:us-east-1:123456789012:alerts", secret: "${SIGNING_SECRET}" }\n`,
  );
  await writeFile(
    file("dryrun.json"),
    '{"region":"ap-shanghai","instanceIds":["ins-kqf9os9x"],"options":{"dryrun":true}}',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("Command: powercron plan, a config with a mistake", () => {
  it("names the file and line, the group by its name, and the key meant; exit 2", async () => {
    const result = await powercron("plan", "--config", "typo.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'typo.yaml:13:5: groups[1] (qa-box).strat: unknown key (value "0 8 * * 1-5"); did you mean "start"?',
    );
  });

  it.each([
    { config: "lark.yaml", names: 'notify.channels[0].type: "lark" is not "wecom" or' },
    { config: "sns-secret.yaml", names: 'notify.channels[0].secret: unknown key (value "[redacted]")' },
  ])("never shows a channel's secret or hook token ($config), only what is wrong", async ({ config, names }) => {
    const result = await powercron("plan", "--config", config);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(names);
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(SIGNING_SECRET.slice(0, 12));
      expect(output).not.toContain(HOOK_TOKEN.slice(0, 8));
    }
  });
});

describe("Command: powercron run, an event with a mistyped option", () => {
  it("suggests the option meant and calls no cloud; exit 2", async () => {
    const result = await powercron("run", "stop", "--event", "dryrun.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('options.dryrun: unknown key (value true); did you mean "dryRun"?');
  });
});
