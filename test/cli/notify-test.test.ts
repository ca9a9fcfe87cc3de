/** `powercron notify test`: one test message to every channel, through the platforms' own checks (the receivers). */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { dingtalkServer, type Receiver, startReceiver, wecomServer } from "../notify/support/receivers.ts";

const WECOM_KEY = "wecom-key-0123456789";
const DING_TOKEN = "ding-token-0123456789";
const DING_SECRET = "SECdingsecret0123456789";

const receivers: Receiver[] = [];
let dir: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function notifyTest(config: string, args: string[] = []): Promise<{ printed: string[]; exitCode: number }> {
  dir = await mkdtemp(join(tmpdir(), "powercron-notify-"));
  await writeFile(join(dir, "schedules.yaml"), config);
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((text: string) => printed.push(text));
  const program = await buildProgram("notify");
  await program.parseAsync(["notify", "test", "--config", join(dir, "schedules.yaml"), ...args], { from: "user" });
  return { printed, exitCode: Number(process.exitCode ?? 0) };
}

const GROUP = `groups:
  - { name: office, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, stop: "0 21 * * 1-5" }
`;

describe("Command: powercron notify test", () => {
  it("sends one test message to every channel, whatever it is set to be told, and prints how each went", async () => {
    const wecom = await startReceiver(wecomServer(WECOM_KEY));
    const ding = await startReceiver(dingtalkServer(DING_TOKEN, DING_SECRET));
    receivers.push(wecom, ding);
    vi.stubEnv("WECOM_KEY", WECOM_KEY);
    vi.stubEnv("DING_SECRET", DING_SECRET);
    const config = `${GROUP}notify:
  channels:
    - { name: team, type: wecom, url: "${wecom.url}/cgi-bin/webhook/send?key=\${WECOM_KEY}", on: [failure] }
    - { name: oncall, type: dingtalk, url: "${ding.url}/robot/send?access_token=${DING_TOKEN}", secret: "\${DING_SECRET}", groups: [elsewhere] }
`;
    const { printed, exitCode } = await notifyTest(config);

    expect(printed.sort()).toEqual(["ok      oncall", "ok      team"]);
    expect(exitCode).toBe(0);
    expect(wecom.received).toHaveLength(1);
    expect(ding.received).toHaveLength(1);
    const content = (JSON.parse(wecom.received[0]?.body ?? "{}") as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("powercron test message: alerts reach this channel");
    expect(content).toContain("powercron notify test");
  });

  it("exits 1 naming the channel that refused, without its key or secret", async () => {
    const wecom = await startReceiver(wecomServer("another-key-000000"));
    receivers.push(wecom);
    vi.stubEnv("WECOM_KEY", WECOM_KEY);
    const config = `${GROUP}notify:
  channels:
    - { name: team, type: wecom, url: "${wecom.url}/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
`;
    const { printed, exitCode } = await notifyTest(config);

    expect(exitCode).toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^FAILED {2}team: .*93000/);
    expect(printed.join("\n")).not.toContain(WECOM_KEY);
  });

  it("tries only the channel --channel names", async () => {
    const wecom = await startReceiver(wecomServer(WECOM_KEY));
    receivers.push(wecom);
    const config = `${GROUP}notify:
  channels:
    - { name: team, type: wecom, url: "${wecom.url}/cgi-bin/webhook/send?key=${WECOM_KEY}" }
    - { name: other, type: wecom, url: "http://127.0.0.1:9/cgi-bin/webhook/send?key=x" }
`;
    const { printed } = await notifyTest(config, ["--channel", "team"]);
    expect(printed).toEqual(["ok      team"]);
  });

  it.each([
    { case: "no channel at all", config: GROUP, args: [], message: /no alert channel: add a notify section/ },
    {
      case: "an unknown --channel",
      config: `${GROUP}notify:\n  channels:\n    - { name: team, type: wecom, url: "\${WECOM_URL}" }\n`,
      args: ["--channel", "nope"],
      message: /--channel: "nope" is not a channel \(there are: team\)/,
    },
    {
      case: "a bad --timeout",
      config: GROUP,
      args: ["--timeout", "0"],
      message: /--timeout: "0" is not a number of seconds/,
    },
  ])("refuses $case as bad input", async ({ config, args, message }) => {
    await expect(notifyTest(config, args)).rejects.toThrow(InvalidInputError);
    await expect(notifyTest(config, args)).rejects.toThrow(message);
  });
});
