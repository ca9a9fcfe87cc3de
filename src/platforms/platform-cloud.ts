/**
 * Which cloud each platform's functions reach, and each platform's name in messages. Temporary lookup, in a file
 * that imports nothing back: the provider registry (src/providers/) will name each cloud's platform, and this goes.
 */
import type { ProviderName } from "../domain/index.ts";
import type { Platform } from "../schedule/index.ts";

export const PLATFORM_PROVIDER: Readonly<Record<Platform, ProviderName>> = { scf: "tencent", aws: "aws" };

export const PLATFORM_TITLE: Readonly<Record<Platform, string>> = { scf: "Tencent SCF", aws: "AWS Lambda" };

/** The platform a provider's groups deploy on by default. */
export function homePlatform(provider: ProviderName): Platform {
  const found = (Object.keys(PLATFORM_PROVIDER) as Platform[]).find((name) => PLATFORM_PROVIDER[name] === provider);
  if (found === undefined) throw new Error(`no platform runs the ${provider} functions`);
  return found;
}
