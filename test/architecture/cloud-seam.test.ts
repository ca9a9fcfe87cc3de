/**
 * What adding a cloud touches in src/: its own folders (src/providers/<cloud>/, src/local-cloud/<cloud>/) and one
 * line in the registry's list below, no other file: the domain's names are filled by each cloud's folder (CloudNames),
 * and the local cloud finds each cloud's part by its path (src/local-cloud/<cloud>/part.ts). Read off the cloud that no platform hosts (the last one
 * added): every other file reaches it through the registry, by name. The clouds that host a platform (its SCF or
 * Lambda folder names them) are left out of the count.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPlatforms } from "../../src/platforms/index.ts";
import { PROVIDERS } from "../../src/providers/catalog.ts";
import { readSources } from "./import-rules.ts";

const SRC = join(import.meta.dirname, "../../src");
const SOURCES = readSources(SRC);

/** The one list that names every cloud: the registry's table (descriptor, tooling), whose keys are PROVIDERS. */
const CLOUD_LISTS = ["providers/clouds.ts"];

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

  it.each(hostless)("%s is named outside its folders by the registry's list only", (name) => {
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
