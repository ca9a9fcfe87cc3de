/** `powercron local-cloud` as a person runs it: a port already taken, and how the server is stopped. */
import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli, type ServingCli, serveCli } from "./support/cli-process.ts";

const started: ServingCli[] = [];
afterEach(() => {
  for (const serving of started.splice(0)) if (serving.child.exitCode === null) serving.child.kill("SIGKILL");
});

/** Whether something still accepts connections on the URL's port. */
function accepting(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Waits (up to 10 s) until nothing listens on the URL's port. */
async function portFreed(url: string): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    if (!(await accepting(url))) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe("Command: powercron local-cloud", () => {
  it("refuses a port already in use with one line naming --port and exit 2 (bad input), no stack trace", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runCli(["local-cloud", "--port", String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toEqual([
        `powercron: --port ${port}: the port is already in use (another powercron local-cloud?): stop that one, or choose another --port`,
      ]);
      expect(result.stdout).toBe("");
    } finally {
      taken.close();
    }
  });

  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("stops on %s, frees its port and exits 0", async (signal) => {
    const serving = await serveCli(process.execPath, [BIN, "local-cloud", "--port", "0"]);
    started.push(serving);
    expect(await accepting(serving.url)).toBe(true);
    serving.child.kill(signal);
    const end = await serving.exited;
    expect(end).toEqual(expect.objectContaining({ code: 0, signal: null }));
    expect(end.stderr).toContain(`local cloud stopped (${signal})`);
    expect(await portFreed(serving.url)).toBe(true);
  });

  it("started as `npx powercron local-cloud &`, stops when that npx process is killed (`kill %1`)", async () => {
    const serving = await serveCli("npx", ["--no-install", "powercron", "local-cloud", "--port", "0"]);
    started.push(serving);
    expect(await accepting(serving.url)).toBe(true);
    serving.child.kill("SIGTERM"); // what `kill %1` sends to the job, npx itself
    await serving.exited;
    expect(await portFreed(serving.url)).toBe(true);
  }, 60_000);
});
