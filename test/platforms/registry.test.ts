import { describe, expect, it } from "vitest";
import { handlerString } from "../../src/deploy/bundle.ts";
import { allPlatforms, isPlatform, PLATFORMS, platformOf } from "../../src/platforms/index.ts";
import { parseScheduleConfig } from "../../src/schedule/index.ts";

const CONFIG = parseScheduleConfig(
  `groups:
  - { name: web, provider: tencent, regions: [ap-guangzhou], tags: { env: test }, timezone: Asia/Shanghai, stop: "0 20 * * *" }
  - { name: api, provider: aws, regions: [us-east-1], tags: { env: test }, timezone: UTC, stop: "0 19 * * 1-5" }
`,
  "test.yaml",
);

describe("Module: the platform registry", () => {
  it("holds one descriptor per name of PLATFORMS, in its order, each under its own name", () => {
    expect(allPlatforms().map((platform) => platform.name)).toEqual([...PLATFORMS]);
  });

  it.each([
    { name: "scf", valid: true },
    { name: "aws", valid: true },
    { name: "lambda", valid: false },
    { name: "", valid: false },
  ])("tells whether $name is a platform: $valid", ({ name, valid }) => {
    expect(isPlatform(name)).toBe(valid);
  });

  it.each([
    { platform: "scf", provider: "tencent", format: "cjs", handler: "index.main_handler", entry: "scf/entry-stop.ts" },
    {
      platform: "aws",
      provider: "aws",
      format: "esm",
      handler: "dist/aws/stop/index.handler",
      entry: "lambda/entry-stop.ts",
    },
  ] as const)("describes $platform: $format, handler $handler, from its own entry", (row) => {
    const descriptor = platformOf(row.platform);
    expect(descriptor.provider).toBe(row.provider);
    expect(descriptor.bundle.format).toBe(row.format);
    expect(handlerString(row.platform, "stop")).toBe(row.handler);
    expect(descriptor.bundle.entry("stop")).toBe(`src/platforms/${row.entry}`);
  });

  it("lists each platform's triggers for its own groups only, named as deployed for the stage", () => {
    const scf = platformOf("scf").triggers(CONFIG, "dev");
    const aws = platformOf("aws").triggers(CONFIG, "dev");
    expect(scf.json.length).toBeGreaterThan(0);
    for (const tick of scf.json as { name: string; groups: string[] }[]) {
      expect(tick.name).toMatch(/^dev-powercron-tick-\d+-[0-9a-f]{6}$/);
      expect(tick.groups).toEqual(["web"]);
    }
    expect((aws.json as { name: string }[]).map((schedule) => schedule.name)).toEqual(["powercron-dev-api-stop"]);
    expect(aws.lines[0]).toBe("EventBridge Scheduler schedules");
  });

  it("deploys SCF through powercron and names the command that deploys Lambda", () => {
    expect("run" in platformOf("scf").deploy).toBe(true);
    expect(platformOf("aws").deploy).toEqual({
      tool: "the Serverless Framework (osls, serverless.yml)",
      command: "npx osls deploy",
      removeCommand: "npx osls remove",
    });
  });
});
