/** Each cloud's tooling (provider-tooling.ts), from its entry in clouds.ts. */
import type { ProviderName } from "../domain/index.ts";
import { CLOUDS } from "./clouds.ts";
import type { ProviderTooling } from "./provider-tooling.ts";

export function toolingOf(name: ProviderName): ProviderTooling {
  return CLOUDS[name].tooling;
}
