import { describe, expect, it } from "vitest";
import { awsEnforceTriggers } from "../../../src/platforms/lambda/enforce-schedules.ts";
import { serverlessSettings } from "../../../src/platforms/lambda/serverless-settings.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";

const group = (name: string, more: string, provider = "tencent", region = "ap-shanghai") =>
  `  - { name: ${name}, provider: ${provider}, region: ${region}, tags: { a: b }, timezone: Asia/Shanghai, start: "0 9 * * 1-5", stop: "0 21 * * 1-5"${more} }`;

describe("Function: awsEnforceTriggers", () => {
  it("gives an enforcing AWS group one schedule per enforcing function, every enforceEvery minutes", () => {
    const config = parseScheduleConfig(
      `groups:\n${[
        group("stoponly", ", enforce: stop", "aws", "us-east-1"),
        group("both", ", enforce: both, enforceEvery: 5", "aws", "us-east-1"),
        group("plain", "", "aws", "us-east-1"),
        group("scf", ", enforce: stop"),
      ].join("\n")}`,
      "t.yaml",
    );
    expect(awsEnforceTriggers(config).map((t) => [t.group, t.action, t.expression, JSON.parse(t.input)])).toEqual([
      [
        "stoponly",
        "stop",
        "cron(0,15,30,45 * * * ? *)",
        { group: "stoponly", enforce: true, scheduledTime: "<aws.scheduler.scheduled-time>" },
      ],
      [
        "both",
        "start",
        "cron(0,5,10,15,20,25,30,35,40,45,50,55 * * * ? *)",
        { group: "both", enforce: true, scheduledTime: "<aws.scheduler.scheduled-time>" },
      ],
      [
        "both",
        "stop",
        "cron(0,5,10,15,20,25,30,35,40,45,50,55 * * * ? *)",
        { group: "both", enforce: true, scheduledTime: "<aws.scheduler.scheduled-time>" },
      ],
    ]);
    const settings = serverlessSettings(config, { stage: "prod", configDigest: "abc" });
    const stopSchedules = settings.events.stop.map((event) => event.schedule);
    expect(stopSchedules.map((schedule) => schedule.name)).toEqual([
      "powercron-prod-stoponly-stop",
      "powercron-prod-both-stop",
      "powercron-prod-plain-stop",
      "powercron-prod-stoponly-enforce-stop",
      "powercron-prod-both-enforce-stop",
    ]);
    expect(stopSchedules.at(-1)).toMatchObject({
      rate: ["cron(0,5,10,15,20,25,30,35,40,45,50,55 * * * ? *)"],
      timezone: "Asia/Shanghai",
      roleArn: { "Fn::GetAtt": ["PowercronSchedulerRole", "Arn"] },
    });
    expect(settings.events.start.map((event) => event.schedule.name)).toContain("powercron-prod-both-enforce-start");
  });
});
