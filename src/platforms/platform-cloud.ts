/**
 * The cloud whose policies and deploy checks each platform's functions carry first, and each platform's name in
 * messages; in a file that imports nothing back. Which platform a cloud's groups deploy on is the provider
 * registry's one mapping (each descriptor's `platform`), asked by homePlatform.
 */
import type { ProviderName } from "../domain/index.ts";
import { platformOf } from "../providers/catalog.ts";
import type { Platform } from "../schedule/index.ts";

export const PLATFORM_PROVIDER: Readonly<Record<Platform, ProviderName>> = { scf: "tencent", aws: "aws" };

export const PLATFORM_TITLE: Readonly<Record<Platform, string>> = { scf: "Tencent SCF", aws: "AWS Lambda" };

/** The platform a provider's groups deploy on by default: the registry's answer. */
export function homePlatform(provider: ProviderName): Platform {
  return platformOf(provider);
}
