/**
 * The refusal of a run without credentials, worded from a cloud's descriptor: the key settings it declares, in pairs
 * (key ID and secret, in the order the descriptor lists them), and where else the keys may come from.
 */
import { MissingCredentialsError } from "../errors.ts";
import type { ProviderDescriptor } from "./provider-descriptor.ts";

/** The variables that carry a key (not a session token), in the descriptor's order. */
export function credentialKeyVariables(descriptor: ProviderDescriptor): string[] {
  return descriptor.settings.credentials.filter((setting) => setting.syntax === "key").map((setting) => setting.name);
}

/** `Tencent credentials missing: set A and B, or C and D (<elsewhere>); no cloud call was made`. */
export function missingCredentials(
  descriptor: ProviderDescriptor,
  elsewhere: string,
  options?: ErrorOptions,
): MissingCredentialsError {
  const keys = credentialKeyVariables(descriptor);
  const pairs: string[] = [];
  for (let index = 0; index < keys.length; index += 2) pairs.push(keys.slice(index, index + 2).join(" and "));
  const message = `${descriptor.label} credentials missing: set ${pairs.join(", or ")} (${elsewhere}); no cloud call was made`;
  return new MissingCredentialsError(descriptor.name, keys, message, options);
}
