import { InvalidInputError, PowercronError } from "../errors.ts";
import { redact, secretValues } from "../report/redact.ts";
import { EXIT } from "./exit-codes.ts";

/** Prints a command's failure (redacted) and returns the exit code: 2 bad input, 1 anything else. */
export function reportError(error: unknown): number {
  const message = redact(error instanceof Error ? error.message : String(error), secretValues(process.env));
  console.error(`powercron: ${message}`);
  if (error instanceof InvalidInputError) return EXIT.badInput;
  if (!(error instanceof PowercronError)) {
    console.error(error instanceof Error ? redact(error.stack ?? "", secretValues(process.env)) : "");
  }
  return EXIT.failed;
}
