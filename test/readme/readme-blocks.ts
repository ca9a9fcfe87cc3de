/**
 * The README's ```sh blocks, read as a shell reads them: continuation lines joined, the `#` comment set apart, a line
 * split at `&&` (outside quotes) into its commands. Each command keeps its block's line and the prose around the
 * block (the paragraph before it and the one after), which is what the README says the command does.
 */

export interface ReadmeCommand {
  /** The command as a shell runs it, on one line, without its comment. */
  readonly command: string;
  /** The `#` comment on its line ("" when none): what the README says next to it. */
  readonly comment: string;
  /** The README line the command starts on (1-based). */
  readonly line: number;
}

export interface ReadmeBlock {
  /** The line of the opening fence (1-based). */
  readonly line: number;
  /** The paragraph before the block and the one after it, whitespace collapsed. */
  readonly context: string;
  readonly commands: readonly ReadmeCommand[];
}

const OPEN = /^\s*```sh\s*$/;
const CLOSE = /^\s*```\s*$/;

/** Where the `#` comment of a shell line starts (at the line's start or after a blank, outside quotes), else -1. */
export function commentStart(line: string): number {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"') index++;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "\\") index++;
    else if (char === "#" && (index === 0 || /\s/.test(line[index - 1] ?? ""))) return index;
  }
  return -1;
}

/** The line's commands, split at `&&` outside quotes. */
export function splitAnd(line: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "&" && line[index + 1] === "&") {
      parts.push(line.slice(start, index));
      start = index + 2;
      index++;
    }
  }
  parts.push(line.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/** The block's lines as logical shell lines: a line ending in `\` goes on with the next one. */
function logicalLines(lines: readonly string[], firstLine: number): { text: string; line: number }[] {
  const logical: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const joined = pending
      ? { text: `${pending.text} ${text}`, line: pending.line }
      : { text, line: firstLine + index };
    if (commentStart(text) < 0 && text.endsWith("\\"))
      pending = { ...joined, text: joined.text.slice(0, -1).trimEnd() };
    else {
      pending = undefined;
      logical.push(joined);
    }
  });
  if (pending) logical.push(pending);
  return logical;
}

function paragraph(lines: readonly string[], from: number, step: 1 | -1): string {
  const taken: string[] = [];
  let start = from;
  while ((lines[start] ?? "x").trim() === "") start += step;
  for (let index = start; index >= 0 && index < lines.length; index += step) {
    const text = lines[index]?.trim() ?? "";
    if (text === "" || text.startsWith("```")) break;
    taken.push(text);
  }
  return (step === -1 ? taken.reverse() : taken).join(" ");
}

export function shellBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!OPEN.test(lines[index] ?? "")) continue;
    const open = index;
    let close = open + 1;
    while (close < lines.length && !CLOSE.test(lines[close] ?? "")) close++;
    const body = lines.slice(open + 1, close);
    const commands = logicalLines(body, open + 2).flatMap(({ text, line }) => {
      const hash = commentStart(text);
      const comment = hash < 0 ? "" : text.slice(hash + 1).trim();
      const code = hash < 0 ? text : text.slice(0, hash);
      return splitAnd(code).map((command) => ({ command, comment, line }));
    });
    const before = paragraph(lines, open - 1, -1);
    const after = paragraph(lines, close + 1, 1);
    blocks.push({ line: open + 1, context: `${before} ${after}`.replaceAll(/\s+/g, " ").trim(), commands });
    index = close;
  }
  return blocks;
}
