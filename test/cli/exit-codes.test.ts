/** The exit codes are documented in one place, and the README's table says what src/cli/exit-codes.ts says. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.ts";

function readmeExitCodes(): number[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("**Exit codes**"), readme.indexOf("## Schedules"));
  return [...section.matchAll(/^\| (\d+) \| /gm)].map((match) => Number(match[1]));
}

describe("Exit codes", () => {
  it("are distinct, and 2 (bad input) is not the drift code", () => {
    const codes = Object.values(EXIT);
    expect(new Set(codes).size).toBe(codes.length);
    expect(EXIT.drift).not.toBe(EXIT.badInput);
  });

  it("are each listed once in the README's Command line section", () => {
    expect(readmeExitCodes()).toEqual(Object.values(EXIT).sort());
  });
});
