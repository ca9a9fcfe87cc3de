import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allSettings, renderSettingsTable } from "../../src/providers/index.ts";

const DECLARED = new Set(allSettings().map((setting) => setting.name));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith(".ts") ? [path] : []);
    }),
  );
  return nested.flat();
}

/** Variable names read or named as strings: `env.X`, `env["X"]`, `"X"`, `` `X` ``, for POWER_, TENCENTCLOUD_, AWS_ names. */
const VARIABLE_USE = /(?:env\.|env\[["'`]|["'`])((?:POWER|TENCENTCLOUD|AWS)_[A-Z0-9_]+)\b/g;

describe("Module: settings", () => {
  it("is the README's settings table, row for row", async () => {
    const readme = await readFile("README.md", "utf8");
    const table = /<!-- settings-table:start[^>]*-->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(readme)?.[1];
    expect(table, `README.md needs this table between the settings-table markers:\n${renderSettingsTable()}`).toBe(
      renderSettingsTable(),
    );
  });

  it("declares every variable the README's table lists, and the table lists every declared one", async () => {
    const readme = await readFile("README.md", "utf8");
    const table = readme.split("<!-- settings-table:start")[1]?.split("<!-- settings-table:end")[0] ?? "";
    const listed = new Set([...table.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((match) => match[1]));
    expect([...listed].sort()).toEqual([...DECLARED].sort());
  });

  it("declares every environment variable that src/ reads or names", async () => {
    const used = new Map<string, string>();
    for (const file of await sourceFiles("src")) {
      if (file.includes("local-cloud")) continue; // the emulator's own API names, not variables
      for (const match of (await readFile(file, "utf8")).matchAll(VARIABLE_USE)) {
        const name = match[1] as string;
        if (!used.has(name)) used.set(name, file);
      }
    }
    const undeclared = [...used].filter(([name]) => !DECLARED.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it("names each variable once", () => {
    expect(DECLARED.size).toBe(allSettings().length);
  });
});
