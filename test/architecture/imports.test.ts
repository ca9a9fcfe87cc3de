import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED, importViolations, readSources } from "./import-rules.ts";

const SRC = join(import.meta.dirname, "../../src");

describe("Import rules of src/", () => {
  it("every folder is entered through its index.ts, and no import climbs the layers", () => {
    expect(importViolations(readSources(SRC))).toEqual([]);
  });

  it("every folder has an index.ts and an entry in the rules", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    for (const folder of folders) {
      expect(existsSync(join(SRC, folder, "index.ts")), `${folder}/index.ts`).toBe(true);
      expect(ALLOWED[folder], `${folder} in ALLOWED`).toBeDefined();
    }
  });

  it.each([
    {
      what: "a deep import into another folder",
      file: { path: "runtime/x.ts", text: 'import { runPower } from "../engine/run-power.ts";' },
      problem:
        "runtime/x.ts: deep import ../engine/run-power.ts: import from engine/index.ts, which declares what engine/ offers",
    },
    {
      what: "an import that climbs the layers",
      file: { path: "domain/x.ts", text: 'import { runPower } from "../engine/index.ts";' },
      problem: "domain/x.ts: domain/ may not import engine/ (../engine/index.ts): that import climbs the layers",
    },
    {
      what: "a lazy import that climbs",
      file: { path: "engine/x.ts", text: 'const m = await import("../runtime/index.ts");' },
      problem: "engine/x.ts: engine/ may not import runtime/ (../runtime/index.ts): that import climbs the layers",
    },
    {
      what: "a new folder the rules do not know",
      file: { path: "gadgets/x.ts", text: 'import { decide } from "../domain/index.ts";' },
      problem: "gadgets/x.ts: folder gadgets/ has no entry in the import rules (ALLOWED)",
    },
  ])("fails on $what", ({ file, problem }) => {
    expect(importViolations([file])).toEqual([problem]);
  });

  it("lets a folder enter providers through its light entry, catalog.ts (the registry without the SDKs), and no other", () => {
    const light = { path: "input/x.ts", text: 'import { descriptorOf } from "../providers/catalog.ts";' };
    expect(importViolations([light])).toEqual([]);
    const deep = { path: "input/x.ts", text: 'import { descriptorOf } from "../providers/registry.ts";' };
    expect(importViolations([deep])).toEqual([
      "input/x.ts: deep import ../providers/registry.ts: import from providers/index.ts, which declares what providers/ offers",
    ]);
  });

  it("lets a folder import itself, errors.ts and a lower folder's index.ts", () => {
    const file = {
      path: "engine/x.ts",
      text: [
        'import { chunk } from "./batches.ts";',
        'import { CloudApiError } from "../errors.ts";',
        'import { decide } from "../domain/index.ts";',
      ].join("\n"),
    };
    expect(importViolations([file])).toEqual([]);
  });
});
