/**
 * What adding a cloud touches in src/: its own folders (src/providers/<cloud>/, src/local-cloud/<cloud>/) and one
 * line in each of the three lists below, no other file. Read off the cloud that no platform hosts (the last one
 * added): every other file reaches it through the registry, by name. The clouds that host a platform (its SCF or
 * Lambda folder names them) are left out of the count.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../src/domain/index.ts";
import { allPlatforms } from "../../src/platforms/index.ts";
import { readSources } from "./import-rules.ts";

const SRC = join(import.meta.dirname, "../../src");
const SOURCES = readSources(SRC);

/** The lists that name every cloud: the names, the registry's table (descriptor, tooling), the local cloud's parts. */
const CLOUD_LISTS = ["domain/types.ts", "providers/clouds.ts", "local-cloud/parts.ts"];

const hosting = new Set(allPlatforms().map((platform) => platform.provider));
const hostless = PROVIDERS.filter((name) => !hosting.has(name));

/** The files outside the cloud's own folders whose text names it (any case), as `grep -rli <cloud> src` finds them. */
function filesNaming(name: string): string[] {
  const own = [`providers/${name}/`, `local-cloud/${name}/`];
  return SOURCES.filter((file) => !own.some((folder) => file.path.startsWith(folder)))
    .filter((file) => file.text.toLowerCase().includes(name.toLowerCase()))
    .map((file) => file.path)
    .sort();
}

describe("The seam of a cloud: what adding one touches", () => {
  it("has a cloud that no platform hosts to read it off", () => {
    expect(hostless.length).toBeGreaterThan(0);
  });

  it.each(hostless)("%s is named outside its folders by the three lists only", (name) => {
    expect(filesNaming(name)).toEqual([...CLOUD_LISTS].sort());
  });

  it.each(CLOUD_LISTS)("%s names every cloud", (path) => {
    const text = SOURCES.find((file) => file.path === path)?.text ?? "";
    for (const name of PROVIDERS) {
      const lines = text.split("\n").filter((line) => new RegExp(`\\b${name}\\b|/${name}/`, "i").test(line));
      expect(lines.length, `${path}: ${name}`).toBeGreaterThan(0);
    }
  });
});
