/** A schedule config written to a fresh temporary folder, for specs that hand the handlers or the CLI a file path. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function writeConfigFile(text: string, prefix = "powercron-config-"): string {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), "schedules.yaml");
  writeFileSync(path, text);
  return path;
}
