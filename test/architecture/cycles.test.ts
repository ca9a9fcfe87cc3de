import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph } from "./import-cycles.ts";
import { readSources } from "./import-rules.ts";

const SRC = join(import.meta.dirname, "../../src");

describe("Import circles among the files of src/", () => {
  it("src/ has no import circle", () => {
    expect(importCycles(readSources(SRC))).toEqual([]);
  });

  it.each([
    {
      what: "two files that import each other",
      files: [
        { path: "runtime/a.ts", text: 'import { b } from "./b.ts";' },
        { path: "runtime/b.ts", text: 'import type { A } from "./a.ts";' },
      ],
      cycles: [["runtime/a.ts", "runtime/b.ts"]],
    },
    {
      what: "a circle closed by a lazy import, across folders",
      files: [
        { path: "runtime/a.ts", text: 'import { b } from "../schedule/index.ts";' },
        { path: "schedule/index.ts", text: 'export { b } from "./b.ts";' },
        { path: "schedule/b.ts", text: 'const a = await import("../runtime/a.ts");' },
      ],
      cycles: [["runtime/a.ts", "schedule/b.ts", "schedule/index.ts"]],
    },
    {
      what: "two circles, one of them a file importing itself",
      files: [
        { path: "deploy/x.ts", text: 'import "./x.ts";' },
        { path: "notify/a.ts", text: 'import { b } from "./b.ts";\nimport { c } from "./c.ts";' },
        { path: "notify/b.ts", text: 'import { c } from "./c.ts";' },
        { path: "notify/c.ts", text: 'import {\n  a,\n} from "./a.ts";' },
      ],
      cycles: [["deploy/x.ts"], ["notify/a.ts", "notify/b.ts", "notify/c.ts"]],
    },
  ])("finds $what", ({ files, cycles }) => {
    expect(importCycles(files)).toEqual(cycles);
  });

  it("finds none where imports only go one way", () => {
    const files = [
      { path: "engine/a.ts", text: 'import { b } from "./b.ts";\nimport { c } from "./c.ts";' },
      { path: "engine/b.ts", text: 'import { c } from "./c.ts";\nimport { z } from "zod";' },
      { path: "engine/c.ts", text: 'import { CloudApiError } from "../errors.ts";' },
      { path: "errors.ts", text: "export class CloudApiError extends Error {}" },
    ];
    expect(importCycles(files)).toEqual([]);
    expect(importGraph(files).get("engine/a.ts")).toEqual(["engine/b.ts", "engine/c.ts"]);
  });
});
