import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { readEvent } from "../../src/cli/read-event.ts";
import { errorText } from "../../src/cli/report-error.ts";
import { InvalidInputError } from "../../src/errors.ts";

/** Not in any variable, so no redaction could catch it: only not quoting the file keeps it out. */
const PASTED_KEY = "AKIDpastedIntoTheFile0123456789";

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "powercron-read-event-"));
  await writeFile(file("broken.json"), `{"region":"ap-shanghai","instanceIds":["ins-kqf9os9x"], key: ${PASTED_KEY}}`);
  await writeFile(file("deep.json"), `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
  await writeFile(file("empty.json"), "  \n");
  await writeFile(file("good.json"), '{"region":"ap-shanghai","instanceIds":["ins-kqf9os9x"]}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("Function: readEvent", () => {
  it.each([
    { name: "broken.json", reason: "is not valid JSON (error at position 56)" },
    { name: "deep.json", reason: "nests arrays and objects more than 64 levels deep" },
  ])("refuses $name by position or limit, never quoting the file", async ({ name, reason }) => {
    const error = await readEvent(file(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(`--event: ${JSON.stringify(file(name))} ${reason}`);
    expect((error as Error).message).not.toContain("AKID");
  });

  it("reads an empty file as an empty event and a good one as its JSON", async () => {
    expect(await readEvent(file("empty.json"))).toEqual({});
    expect(await readEvent(file("good.json"))).toEqual({ region: "ap-shanghai", instanceIds: ["ins-kqf9os9x"] });
  });

  it("names a missing file by its code, not the system's message", async () => {
    await expect(readEvent(file("missing.json"))).rejects.toThrow(
      `--event: cannot read ${JSON.stringify(file("missing.json"))} (ENOENT)`,
    );
  });
});

describe("Function: errorText", () => {
  it("shows a parser's SyntaxError by position only", () => {
    let syntax: unknown;
    try {
      JSON.parse(`{"a": ${PASTED_KEY}}`);
    } catch (error) {
      syntax = error;
    }
    expect(String((syntax as Error).message)).toContain("AKID");
    for (const error of [syntax, new Error("wrapped", { cause: syntax })]) {
      const text = errorText(error, []);
      expect(text.message).toMatch(/^input is not valid JSON( \(error at position \d+\))?$/);
      expect(text.stack).toBeUndefined();
    }
  });

  it("masks secrets in other errors' messages and stacks", () => {
    const text = errorText(new Error("key tencentKeyThatMustNotLeak failed"), ["tencentKeyThatMustNotLeak"]);
    expect(text.message).toBe("key [redacted] failed");
    expect(text.stack).not.toContain("tencentKeyThatMustNotLeak");
  });
});

describe("Function: main, bad event files", () => {
  it.each(["broken.json", "deep.json"])("exits 2 on %s without quoting it", async (name) => {
    const printed: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => printed.push(args.join(" ")));
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => printed.push(args.join(" ")));
    const before = process.exitCode;
    try {
      await main(["run", "stop", "--event", file(name), "--local-cloud", "http://127.0.0.1:9"]);
      expect(process.exitCode).toBe(2);
      expect(printed.join("\n")).toContain("--event:");
      expect(printed.join("\n")).not.toContain("AKID");
    } finally {
      process.exitCode = before;
      vi.restoreAllMocks();
    }
  });
});
