/**
 * The platforms, one descriptor each, keyed by the one list of platform names (PLATFORMS, the config's `platform`
 * values): a platform added to the list without a descriptor does not compile.
 */

import type { PlatformEvents } from "../runtime/index.ts";
import { PLATFORMS, type Platform } from "../schedule/index.ts";
import { LAMBDA_PLATFORM } from "./lambda/lambda-platform.ts";
import type { PlatformDescriptor } from "./platform-descriptor.ts";
import { SCF_PLATFORM } from "./scf/scf-platform.ts";

export { PLATFORMS, type Platform };

export const PLATFORM_REGISTRY: Readonly<Record<Platform, PlatformDescriptor>> = {
  scf: SCF_PLATFORM,
  aws: LAMBDA_PLATFORM,
};

export function isPlatform(name: string): name is Platform {
  return (PLATFORMS as readonly string[]).includes(name);
}

export function platformOf(name: Platform): PlatformDescriptor {
  return PLATFORM_REGISTRY[name];
}

/** Every platform, in the order of PLATFORMS. */
export function allPlatforms(): readonly PlatformDescriptor[] {
  return PLATFORMS.map(platformOf);
}

/** Every platform's events (`powercron run` reads an event file of any platform), in the order of PLATFORMS. */
export function allPlatformEvents(): readonly PlatformEvents[] {
  return allPlatforms().map((platform) => platform.events);
}
