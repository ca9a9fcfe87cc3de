/**
 * SCF's events as the runtime reads them: the timer trigger's event, and the ticks (a timer whose Message is the
 * tick marker), whose schedule side loads on the first tick only.
 */
import type { HandlerPlatform, PlatformEvents } from "../../runtime/index.ts";
import { readScfContext } from "./scf-context.ts";
import { scfWorkers } from "./scf-workers.ts";
import { readTickEvent } from "./tick-event.ts";
import { SCF_TIMER_EVENT } from "./timer-event.ts";

export const SCF_EVENTS: PlatformEvents = {
  forms: [SCF_TIMER_EVENT],
  ticks: {
    read: readTickEvent,
    schedule: () => import("./tick-schedule.ts").then((module) => module.SCF_TICK_SCHEDULE),
  },
  triggerZoneHint: "for SCF, deploy.scf.triggerTimezone",
};

/** What the SCF entries pass the handler. */
export const SCF_HANDLER: HandlerPlatform = {
  readContext: (context) => readScfContext(context),
  events: SCF_EVENTS,
  workers: scfWorkers,
};

/** How the functions are deployed again (named when the bundle's config and the deploy's disagree). */
export const SCF_REDEPLOY = "powercron deploy scf";
