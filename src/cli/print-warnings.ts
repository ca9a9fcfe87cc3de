import { processEnvironment } from "../settings/index.ts";
import { highlight, paintFor } from "./terminal-style.ts";

/** Each warning as `warning: …` on stderr, `warning:` in yellow on a terminal. */
export function printWarnings(warnings: readonly string[]): void {
  const paint = paintFor(process.stderr, processEnvironment());
  for (const warning of warnings) console.error(highlight(`warning: ${warning}`, paint));
}
