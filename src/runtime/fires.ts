/**
 * The platform's event, read once, as the fire it is: a platform's tick (it names no group), or an invocation the
 * input layer parses (a `{group}` event, a timer's, a direct request), marked when it came as an enforce fire. And
 * each invocation's resolver: what request the fire comes to.
 */
import type { PowerAction } from "../domain/index.ts";
import type { Clock } from "../engine/index.ts";
import { InvalidInputError } from "../errors.ts";
import { type Invocation, parseInvocation } from "../input/index.ts";
import type { Environment } from "../settings/index.ts";
import { readEnforceEvent } from "./enforce-event.ts";
import type { InvokeDeps, Resolution } from "./invoke-deps.ts";
import type { PlatformEvents, TickFire } from "./platform-events.ts";
import { defaultEnforceResolver, defaultGroupResolver } from "./schedule-resolvers.ts";

/** A fire that stands for one request: the invocation parsed from it, and whether it came as an enforce fire. */
export interface InvocationFire {
  readonly kind: "invocation";
  readonly invocation: Invocation;
  readonly enforce: boolean;
}

/** A platform's tick, and the platform that read it (its ticks say what the tick comes to). */
export interface TickOfPlatform {
  readonly kind: "tick";
  readonly tick: TickFire;
  readonly platform: PlatformEvents;
}

export type Fire = TickOfPlatform | InvocationFire;

/**
 * The fire in `event`, read with the platforms' ticks and event forms. Throws InvalidInputError for a broken tick, a
 * bad enforce fire or an event the input layer refuses.
 */
export function readFire(
  action: PowerAction,
  event: unknown,
  env: Environment,
  platforms: readonly PlatformEvents[] = [],
): Fire {
  for (const platform of platforms) {
    const tick = platform.ticks?.read(event);
    if (tick !== undefined) return { kind: "tick", tick, platform };
  }
  const enforce = readEnforceEvent(event);
  const forms = platforms.flatMap((platform) => platform.forms);
  const invocation = parseInvocation(action, enforce === undefined ? event : enforce.groupEvent, env, forms);
  return { kind: "invocation", invocation, enforce: enforce !== undefined };
}

/**
 * One due group of a tick, as the scheduled fire it stands for: `{group, scheduledTime}` at the tick's time (through
 * the guard, which drops a duplicate delivery), or the group's enforce fire on an enforce tick.
 */
export function tickGroupFire(
  action: PowerAction,
  tick: TickFire,
  group: string,
  enforce: boolean,
  env: Environment,
): InvocationFire {
  return { kind: "invocation", invocation: parseInvocation(action, { group, scheduledTime: tick.time }, env), enforce };
}

/**
 * How a fire resolves to its request: a direct request is its own; a `{group}` event goes through the schedule guard;
 * an enforce fire, through the drift check (its corrections due at the last transition). Throws InvalidInputError for
 * an enforce fire that names no group.
 */
export function resolverOf(
  fire: InvocationFire,
  action: PowerAction,
  deps: InvokeDeps,
  clock: Clock,
): () => Promise<Resolution> {
  const { invocation } = fire;
  if (fire.enforce) {
    if (invocation.kind !== "group") {
      throw new InvalidInputError(`enforce: an enforce fire names a group ({"group": "<name>", "enforce": true})`);
    }
    const resolve = deps.resolveEnforce ?? defaultEnforceResolver;
    return () => resolve(invocation, action, deps.env, new Date(clock.now()));
  }
  if (invocation.kind === "group") {
    const resolve = deps.resolveGroup ?? defaultGroupResolver;
    return () => resolve(invocation, action, deps.env, deps.platforms);
  }
  return async () => ({ request: invocation.request });
}
