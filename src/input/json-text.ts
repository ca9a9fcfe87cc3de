/** JSON text given as input (an event string, an SCF timer's Message, a POWER_* variable). */

export type JsonText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Parses JSON text. On failure the reason gives the position only: the engine's own message quotes a stretch of the
 * text, which may cut a secret short where redaction can no longer recognise it.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? "" : ` (error at position ${position})`;
    return { ok: false, reason: `is not valid JSON${where}` };
  }
}
