/**
 * A run refused before any cloud call for want of credentials: one summary line, like a run's (`"powercron":
 * "summary"`), that names the cloud and the variables to set, so that a log query or an alarm on summaries sees it.
 */
import type { MissingCredentialsError } from "../errors.ts";

export function missingCredentialsLine(action: string, error: MissingCredentialsError, message: string): string {
  return JSON.stringify({
    powercron: "summary",
    action,
    refused: "MissingCredentials",
    provider: error.provider,
    variables: error.variables,
    failure: message,
    apiCalls: {},
  });
}
