/**
 * The SDK's default credential chain (keys, profile, SSO, container or instance role) reports that it found nothing
 * with a CredentialsProviderError: that, and only that, is a missing credential. The chain may find keys where no
 * variable is set, so nothing is refused before the chain has been asked.
 */
import { missingCredentials } from "../missing-credentials.ts";
import { awsDescriptor } from "./descriptor.ts";

export function isCredentialsProviderError(error: unknown): boolean {
  return error instanceof Error && error.name === "CredentialsProviderError";
}

/** The chain's refusal as the run's: the variables to set, and where else the chain would have looked. */
export function missingAwsCredentials(cause: unknown) {
  return missingCredentials(
    awsDescriptor,
    "or a profile, SSO, or the function's role: the SDK's default chain found none",
    { cause },
  );
}
