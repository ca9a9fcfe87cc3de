import { readFile } from "node:fs/promises";
import { InvalidInputError } from "../errors.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The event of `--event FILE` (or `-` for standard input) as JSON; no file means an empty event. */
export async function readEvent(source: string | undefined): Promise<unknown> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === "-" ? await readStdin() : await readFile(source, "utf8");
  } catch (error) {
    throw new InvalidInputError(`--event: cannot read "${source}": ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`--event: "${source}" is not JSON: ${(error as Error).message}`);
  }
}
