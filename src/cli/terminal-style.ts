/**
 * Colour on a terminal only. A stream gets colour when FORCE_COLOR asks for it (any value but 0/false), never when
 * NO_COLOR is set (any non-empty value) or TERM is dumb, else when it is a TTY: so output piped into another program
 * or a file stays plain and parseable. FORCE_COLOR wins over NO_COLOR, as in Node itself.
 */
type Env = Readonly<Record<string, string | undefined>>;

export function wantsColour(stream: { readonly isTTY?: boolean }, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/** How a word is painted: red for what failed, yellow for drift and warnings. */
export interface Paint {
  readonly failed: (text: string) => string;
  readonly drift: (text: string) => string;
  readonly warning: (text: string) => string;
}

const sgr = (open: number) => (text: string) => `\u001b[${open}m${text}\u001b[39m`;

export const PLAIN: Paint = { failed: (text) => text, drift: (text) => text, warning: (text) => text };
export const COLOURED: Paint = { failed: sgr(31), drift: sgr(33), warning: sgr(33) };

export function paintFor(stream: { readonly isTTY?: boolean }, env: Env): Paint {
  return wantsColour(stream, env) ? COLOURED : PLAIN;
}

/**
 * Rendered tables and lines with their alarming words painted: `FAILED`, a `failed` outcome, `not-found` and
 * `refused` in red, `DRIFT` and a leading `warning:` in yellow. Applied after the layout, so columns stay aligned.
 */
export function highlight(text: string, paint: Paint): string {
  if (paint === PLAIN) return text;
  return text
    .replace(/(?<=^|\s)(FAILED|failed|not-found|refused)(?=\s|$|:)/gm, (word) => paint.failed(word))
    .replace(/(?<=^|\s)DRIFT(?=\s|$)/gm, (word) => paint.drift(word))
    .replace(/^warning:/gm, (word) => paint.warning(word));
}
