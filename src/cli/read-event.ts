import { readFile } from "node:fs/promises";
import { InvalidInputError } from "../errors.ts";
import { parseJsonText } from "../input/index.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The event of `--event FILE` (or `-` for standard input) as JSON; no file, or an empty one, means an empty event.
 * Within the input limits (6 MB, 64 levels); a parse error gives its position only, never a stretch of the file.
 */
export async function readEvent(source: string | undefined): Promise<unknown> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === "-" ? await readStdin() : await readFile(source, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`--event: cannot read ${JSON.stringify(source)}${code ? ` (${code})` : ""}`);
  }
  if (text.trim() === "") return {};
  const json = parseJsonText(text);
  if (!json.ok) throw new InvalidInputError(`--event: ${JSON.stringify(source)} ${json.reason}`);
  return json.value;
}
