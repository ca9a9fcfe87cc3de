/** `powercron deploy scf --dry-run` shows the environment to deploy: every value but the secrets. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCli } from "./support/cli-process.ts";

const WEBHOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123456789abcdef";
const HOOK_WITH_TOKEN = "https://hooks.example.com/powercron?token=0123456789abcdef";

/** The sample config, with an environment that holds two secrets and an ordinary value. */
function configWithEnvironment(): string {
  const config = parse(readFileSync("config/schedules.yaml", "utf8")) as Record<string, Record<string, unknown>>;
  const deploy = (config.deploy ?? {}) as Record<string, Record<string, unknown>>;
  deploy.scf = {
    ...deploy.scf,
    environment: { POWER_NOTIFY_WEBHOOK_URL: WEBHOOK, ALERT_HOOK: HOOK_WITH_TOKEN, POWER_LOG_DETAIL: "notable" },
  };
  config.deploy = deploy;
  const file = join(mkdtempSync(join(tmpdir(), "powercron-deploy-env-")), "schedules.yaml");
  writeFileSync(file, stringify(config));
  return file;
}

function environmentsOf(stdout: string): Record<string, string>[] {
  return [...stdout.matchAll(/"Environment":(\{"Variables":\{[^}]*\}\})/g)].map(
    (match) => (JSON.parse(match[1] ?? "{}") as { Variables: Record<string, string> }).Variables,
  );
}

describe("powercron deploy scf --dry-run, the environment", () => {
  it("shows every value but the secrets", async () => {
    const result = await runCli(["deploy", "scf", "--dry-run", "--config", configWithEnvironment()], {
      TENCENTCLOUD_SECRET_ID: undefined,
      TENCENTCLOUD_SECRET_KEY: undefined,
    });
    expect(result.code).toBe(0);
    const environments = environmentsOf(result.stdout);
    expect(environments.length).toBeGreaterThan(0);
    for (const variables of environments) {
      expect(variables).toMatchObject({
        POWER_ALLOWED_TAG: "powercron:managed=true",
        POWER_ALLOWED_REGIONS: expect.stringMatching(/^tencent:ap-/),
        POWER_CONFIG: "/var/user/schedules.yaml",
        POWER_LOG_DETAIL: "notable",
        POWER_NOTIFY_WEBHOOK_URL: "***",
        ALERT_HOOK: "***",
      });
      expect(variables.NODE_OPTIONS).toMatch(/^--enable-source-maps/);
    }
    expect(result.stdout).not.toContain("0123456789abcdef");
  });
});
