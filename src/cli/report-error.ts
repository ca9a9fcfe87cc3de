import { InvalidInputError, PowercronError } from "../errors.ts";
import { redact, secretValues } from "../report/index.ts";
import { processEnvironment } from "../settings/index.ts";
import { EXIT } from "./exit-codes.ts";

/**
 * What is printed for an error. Our own errors name the bad value, secrets masked. A parser's SyntaxError (JSON.parse
 * quotes a stretch of its input, which may hold a secret no variable names) is shown by its position only, and so is
 * its stack.
 */
export function errorText(error: unknown, secrets: readonly string[]): { message: string; stack?: string } {
  if (error instanceof SyntaxError || (error instanceof Error && error.cause instanceof SyntaxError)) {
    const syntax = error instanceof SyntaxError ? error : (error.cause as SyntaxError);
    const position = /position (\d+)/.exec(syntax.message)?.[1];
    return { message: `input is not valid JSON${position === undefined ? "" : ` (error at position ${position})`}` };
  }
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  if (error instanceof PowercronError || !(error instanceof Error)) return { message };
  return { message, stack: redact(error.stack ?? "", secrets) };
}

/** Prints a command's failure (redacted) and returns the exit code: 2 bad input, 1 anything else. */
export function reportError(error: unknown): number {
  const { message, stack } = errorText(error, secretValues(processEnvironment()));
  console.error(`powercron: ${message}`);
  if (stack !== undefined) console.error(stack);
  return error instanceof InvalidInputError ? EXIT.badInput : EXIT.failed;
}
