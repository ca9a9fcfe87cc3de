import type { InstanceView, PowerTarget, ScopeGuard } from "./types.ts";

/** `provider:region`, the form POWER_ALLOWED_REGIONS lists targets in. */
export function regionKey(target: Pick<PowerTarget, "provider" | "region">): string {
  return `${target.provider}:${target.region}`;
}

/**
 * Why the scope guard refuses an instance (POWER_ALLOWED_IDS, POWER_ALLOWED_TAG), or undefined when it is allowed.
 * The tag is looked up as an own property: a key such as `constructor` never matches through Object.prototype.
 */
export function outsideScope(view: InstanceView, scope: ScopeGuard): string | undefined {
  if (scope.allowedIds && !scope.allowedIds.has(view.instanceId)) return "not in POWER_ALLOWED_IDS";
  const tag = scope.allowedTag;
  if (tag && !(Object.hasOwn(view.tags, tag.key) && view.tags[tag.key] === tag.value)) {
    return `lacks the tag ${tag.key}=${tag.value} that POWER_ALLOWED_TAG requires`;
  }
  return undefined;
}

/** The targets a request may not touch at all: their provider and region are not in POWER_ALLOWED_REGIONS. */
export function targetsOutsideScope<T extends Pick<PowerTarget, "provider" | "region">>(
  targets: readonly T[],
  scope: ScopeGuard,
): T[] {
  const allowed = scope.allowedRegions;
  return allowed === undefined ? [] : targets.filter((target) => !allowed.has(regionKey(target)));
}

/** Why a target is refused as a whole: names it and the allowed list. */
export function outsideRegionsMessage(target: Pick<PowerTarget, "provider" | "region">, scope: ScopeGuard): string {
  const allowed = [...(scope.allowedRegions ?? [])].join(", ");
  return `${regionKey(target)} is outside POWER_ALLOWED_REGIONS (${allowed}): nothing there may be touched`;
}
