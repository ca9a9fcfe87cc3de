/**
 * The one entry point of the input layer: an invocation's action, event and environment in, a validated request (or
 * a schedule group to resolve) out. Pure: no I/O, no clock, no process.env.
 */
import { z } from "zod";
import {
  DEFAULT_OPTIONS,
  POWER_ACTIONS,
  type PowerAction,
  type PowerOptions,
  type PowerRequest,
  type ScopeGuard,
} from "../domain/index.ts";
import { decodeEvent, type EventRecord } from "./decode-event.ts";
import { ENV, type Environment, type EnvironmentSettings, readEnvironment } from "./environment.ts";
import type { EventForm, TriggerInfo } from "./event-form.ts";
import { checkUnusedEnvironment, type Payload, parsePayload } from "./payload.ts";
import { Problems } from "./problems.ts";
import { resolveTargets } from "./targets.ts";

export type Invocation =
  | { readonly kind: "request"; readonly request: PowerRequest; readonly trigger: TriggerInfo }
  | {
      readonly kind: "group";
      readonly group: string;
      readonly trigger: TriggerInfo;
      /** The environment's options with the event's over them; DEFAULT_OPTIONS not applied. */
      readonly options: Partial<PowerOptions>;
      readonly scope: ScopeGuard;
    };

const actionSchema = z.enum(POWER_ACTIONS);

/** Tells the event's form apart: one of the platforms' forms (`forms`, in order), or one of our own forms. */
function parseEvent(
  record: EventRecord,
  forms: readonly EventForm[],
  env: EnvironmentSettings,
  problems: Problems,
): { payload: Payload; trigger: TriggerInfo } | undefined {
  const form = forms.find((candidate) => candidate.claims(record));
  if (form !== undefined) {
    const carried = form.read(record, problems);
    if (carried === undefined) return undefined;
    const body = decodeEvent(carried.body, carried.label, problems);
    const payload = body === undefined ? undefined : parsePayload(body, carried.label, env, problems);
    return payload && { payload, trigger: carried.trigger };
  }
  const payload = parsePayload(record, "", env, problems);
  if (payload === undefined) return undefined;
  const { scheduledTime } = payload;
  return {
    payload,
    trigger: scheduledTime === undefined ? { source: "direct" } : { source: "scheduler", scheduledTime },
  };
}

/**
 * Validates an invocation. Throws InvalidInputError naming every bad field and value (never a secret's value).
 *
 * - `event`: our canonical, `targets`, classic or `{group}` form, one of the platforms' event forms (`forms`: a
 *   timer's or a scheduled event, each platform's own), a JSON string of any of them, or nothing; without instances
 *   in the event, POWER_* variables name them.
 * - `env`: the POWER_* variables and the platform's region variables; options set there are defaults under the
 *   event's; the scope guard comes from here only.
 */
export function parseInvocation(
  action: PowerAction,
  event: unknown,
  env: Environment,
  forms: readonly EventForm[] = [],
): Invocation {
  const problems = new Problems(env);
  const validAction = problems.check(actionSchema, action, "action");
  const settings = readEnvironment(env, problems);
  const record = decodeEvent(event, "event", problems);
  const parsed = record === undefined ? undefined : parseEvent(record, forms, settings, problems);

  let invocation: Invocation | undefined;
  if (parsed?.payload.kind === "group") {
    const { payload, trigger } = parsed;
    checkUnusedEnvironment(settings, problems);
    invocation = { kind: "group", group: payload.group, trigger, options: payload.options, scope: settings.scope };
  } else if (parsed?.payload.kind === "targets") {
    const { payload, trigger } = parsed;
    if (!payload.fromEnvironment) checkUnusedEnvironment(settings, problems);
    if (payload.fromEnvironment && !settings.namesInstances) {
      problems.add(
        payload.listLabel,
        `names no instances (instanceIds, tags, targets or group), and neither ${ENV.instanceIds} nor ${ENV.tags} is set`,
      );
    }
    const targets = resolveTargets(payload.drafts, settings, problems, payload.listLabel);
    if (validAction !== undefined) {
      const options: PowerOptions = { ...DEFAULT_OPTIONS, ...payload.options };
      invocation = {
        kind: "request",
        request: { action: validAction, targets, options, scope: settings.scope },
        trigger,
      };
    }
  }

  problems.throwIfAny(validAction === undefined ? "invocation" : `${validAction} invocation`);
  if (invocation === undefined) throw new Error("parseInvocation: no invocation and no problem recorded");
  return invocation;
}
