/** Errors a person meets name what they gave: the flag, the file, the host (through the real CLI). */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli-process.ts";

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Command line: error messages", () => {
  it.each([
    {
      args: ["plan", "--group", "nope"],
      message:
        'powercron: --group: "nope" is not a group of the schedule config (groups: checkout-test, search-dev, payments-test, ml-dev)',
    },
    {
      args: ["demo", "--fleet", "nope.json"],
      message: 'powercron: --fleet: cannot read the fleet file "nope.json" (no such file)',
    },
    {
      args: ["local-cloud", "--fleet", "nope.json", "--port", "0"],
      message: 'powercron: --fleet: cannot read the fleet file "nope.json" (no such file)',
    },
  ])("$args: one line naming the flag, exit 2", async ({ args, message }) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(message);
  });

  it("names the host the user gave when the local cloud refuses the connection", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli([
      "run",
      "stop",
      "--event",
      "config/events/tencent-stop.json",
      "--local-cloud",
      url,
      "--timeout",
      "3",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`request to ${url}/ failed`);
    expect(result.stdout + result.stderr).not.toContain("127-0-0-1.localhost");
  });
});
