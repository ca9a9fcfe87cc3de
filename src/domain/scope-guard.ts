import type { InstanceView, ScopeGuard } from "./types.ts";

/** Why the scope guard refuses an instance (POWER_ALLOWED_IDS, POWER_ALLOWED_TAG), or undefined when it is allowed. */
export function outsideScope(view: InstanceView, scope: ScopeGuard): string | undefined {
  if (scope.allowedIds && !scope.allowedIds.has(view.instanceId)) return "not in POWER_ALLOWED_IDS";
  if (scope.allowedTag && view.tags[scope.allowedTag.key] !== scope.allowedTag.value) {
    return `lacks the tag ${scope.allowedTag.key}=${scope.allowedTag.value} that POWER_ALLOWED_TAG requires`;
  }
  return undefined;
}
