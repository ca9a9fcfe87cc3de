/** JSON given as input (an event, an SCF timer's Message, a POWER_* variable), and the limits on its size and depth. */
import { INPUT_LIMITS } from "./formats.ts";

export type JsonText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const MB = 1024 * 1024;

function tooLarge(bytes: number): string {
  return `is ${bytes} bytes; the limit is ${INPUT_LIMITS.eventBytes} (${INPUT_LIMITS.eventBytes / MB} MB)`;
}

const TOO_DEEP = `nests arrays and objects more than ${INPUT_LIMITS.eventDepth} levels deep`;

/** Whether JSON text opens more than `limit` arrays or objects inside one another (strings are skipped). */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      if (++depth > limit) return true;
    } else if (char === "]" || char === "}") depth--;
  }
  return false;
}

/**
 * Parses JSON text within the limits. On failure the reason gives the position only: the engine's own message quotes a
 * stretch of the text, which may cut a secret short where redaction can no longer recognise it.
 */
export function parseJsonText(text: string): JsonText {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > INPUT_LIMITS.eventBytes) return { ok: false, reason: tooLarge(bytes) };
  if (nestsDeeperThan(text, INPUT_LIMITS.eventDepth)) return { ok: false, reason: TOO_DEEP };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? "" : ` (error at position ${position})`;
    return { ok: false, reason: `is not valid JSON${where}` };
  }
}

/** Whether a value (an event the platform has already parsed) nests more than `limit` levels; iterative, so safe. */
function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Why an already-parsed value is beyond the limits, or undefined when it is within them. */
export function valueOutsideLimits(value: unknown): string | undefined {
  if (valueNestsDeeperThan(value, INPUT_LIMITS.eventDepth)) return TOO_DEEP;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return "cannot be read as JSON";
  }
  const bytes = text === undefined ? 0 : Buffer.byteLength(text, "utf8");
  return bytes > INPUT_LIMITS.eventBytes ? tooLarge(bytes) : undefined;
}
