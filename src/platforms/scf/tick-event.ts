/**
 * The SCF tick: a timer event whose Message is the tick marker (`{"powercron":"tick","tick":"powercron-tick-1"}`, see ./ticks.ts). It names
 * no group: the handler finds the groups due at its `Time`. Told apart here, before the event parser, so that a tick
 * that finds nothing due is never mistaken for a misfire of a group's own trigger.
 */
import { z } from "zod";
import { InvalidInputError } from "../../errors.ts";
import type { TickFire } from "../../runtime/index.ts";

const timerShape = z.looseObject({ Type: z.literal("Timer"), Message: z.string() });
const tickTimer = z.looseObject({
  TriggerName: z.string().min(1, { error: "is empty" }),
  Time: z.iso.datetime({ offset: true, error: "is not an ISO 8601 date-time" }),
});
const tickMarker = z.strictObject({ powercron: z.literal("tick"), tick: z.string().min(1).max(100).optional() });

/** The tick in `event`, or undefined when the event is anything else. Throws InvalidInputError for a broken tick. */
export function readTickEvent(event: unknown): TickFire | undefined {
  const timer = timerShape.safeParse(event);
  if (!timer.success) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(timer.data.Message);
  } catch {
    return undefined;
  }
  if (typeof message !== "object" || message === null || !Object.hasOwn(message, "powercron")) return undefined;
  const marker = tickMarker.safeParse(message);
  if (!marker.success) {
    throw new InvalidInputError(
      `Message: ${timer.data.Message.slice(0, 80)} is not the tick marker {"powercron":"tick","tick":"<name>"}`,
    );
  }
  const fire = tickTimer.safeParse(event);
  if (!fire.success) {
    const issue = fire.error.issues[0];
    const field = String(issue?.path[0] ?? "event");
    const value = (event as Record<string, unknown>)[field];
    throw new InvalidInputError(`${field}: ${JSON.stringify(value) ?? "missing"} ${issue?.message ?? "is not valid"}`);
  }
  // The deployed trigger's name carries the stage and a hash; the message names the tick as the config knows it.
  return { triggerName: marker.data.tick ?? fire.data.TriggerName, time: fire.data.Time };
}
