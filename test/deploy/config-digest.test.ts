import { describe, expect, it, vi } from "vitest";
import { configDigest } from "../../src/deploy/config-digest.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { checkConfigDigest, withConfigDigest } from "../../src/runtime/config-digest-check.ts";

describe("Function: configDigest", () => {
  it("is 16 hex characters that change with the config", () => {
    expect(configDigest("a: 1\n")).toMatch(/^[0-9a-f]{16}$/);
    expect(configDigest("a: 1\n")).toBe(configDigest(Buffer.from("a: 1\n")));
    expect(configDigest("a: 2\n")).not.toBe(configDigest("a: 1\n"));
  });
});

describe("Function: checkConfigDigest", () => {
  it.each([
    ["matching digests", "aaaa", { POWERCRON_CONFIG_DIGEST: "aaaa" }, false],
    ["no deployed digest (a hand-made deploy)", "aaaa", {}, false],
    ["unbundled sources (CLI, tests)", undefined, { POWERCRON_CONFIG_DIGEST: "aaaa" }, false],
    ["a stale bundle under a new template", "aaaa", { POWERCRON_CONFIG_DIGEST: "bbbb" }, true],
  ])("%s → throws: %s", (_label, bundled, env, throws) => {
    const check = () => checkConfigDigest(bundled, env);
    if (throws) expect(check).toThrow(InvalidInputError);
    else expect(check).not.toThrow();
  });
});

describe("Function: withConfigDigest", () => {
  it("logs the digest, then runs the handler", async () => {
    const handler = vi.fn(async () => ({ totals: {} }) as never);
    const lines: string[] = [];
    const wrapped = withConfigDigest(handler, {
      bundled: "aaaa",
      env: () => ({ POWERCRON_CONFIG_DIGEST: "aaaa" }),
      log: (line) => lines.push(line),
    });
    await wrapped({ group: "x" });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(JSON.parse(lines[0] ?? "{}")).toEqual({ configDigest: "aaaa", deployedConfigDigest: "aaaa" });
  });

  it("fails the invocation, naming both digests, and never runs the handler on a mismatch", async () => {
    const handler = vi.fn(async () => ({ totals: {} }) as never);
    const wrapped = withConfigDigest(handler, {
      bundled: "aaaa",
      env: () => ({ POWERCRON_CONFIG_DIGEST: "bbbb" }),
      log: () => {},
    });
    await expect(wrapped({ group: "x" })).rejects.toThrow(
      /deployed for config "bbbb" but its code carries config "aaaa"/,
    );
    expect(handler).not.toHaveBeenCalled();
  });
});
