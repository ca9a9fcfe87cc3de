/** Every sample console event shipped in config/events/ is valid input, in the form its name says. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInvocation } from "../../src/input/parse-invocation.ts";
import { PLATFORM_FORMS } from "../support/platform-events.ts";

const DIR = "config/events";
/** SCF ticks (what deployed timers send) are read before parseInvocation: test/cli/sample-events.test.ts checks them. */
const isTick = (name: string) => readFileSync(`${DIR}/${name}`, "utf8").includes('\\"powercron\\":\\"tick\\"');
const files = readdirSync(DIR).filter((name) => name.endsWith(".json") && !isTick(name));
const env = { POWER_PROVIDER: "aws", POWER_REGION: "us-east-1", POWER_TAGS: "env=test" };

describe("config/events samples", () => {
  it("ships samples of every form", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)("%s is accepted", (file) => {
    const event: unknown = JSON.parse(readFileSync(`${DIR}/${file}`, "utf8"));
    const action = file.includes("start") ? "start" : "stop";
    const invocation = parseInvocation(action, event, env, PLATFORM_FORMS);
    if (file.startsWith("group") || file === "scf-timer-group.json") {
      expect(invocation.kind).toBe("group");
    } else {
      expect(invocation.kind).toBe("request");
    }
    if (file.startsWith("scf-timer")) expect(invocation.trigger.source).toBe("scf-timer");
    if (file.startsWith("eventbridge")) expect(invocation.trigger.source).toBe("eventbridge");
    if (invocation.kind === "request" && file.startsWith("tencent")) {
      expect(invocation.request.targets.every((target) => target.provider === "tencent")).toBe(true);
    }
  });
});
