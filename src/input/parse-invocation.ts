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
import { eventBridgeScheduledEventSchema, scfTimerEventSchema } from "./event-schemas.ts";
import { checkUnusedEnvironment, type Payload, parsePayload } from "./payload.ts";
import { Problems } from "./problems.ts";
import { resolveTargets } from "./targets.ts";

export interface TriggerInfo {
  readonly source: "scf-timer" | "eventbridge" | "scheduler" | "direct";
  /** ISO 8601, from the SCF timer's Time, the EventBridge event's time or the event's own `scheduledTime`. */
  readonly scheduledTime?: string;
  /** The SCF timer trigger's name, or the EventBridge rule's name. */
  readonly triggerName?: string;
}

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

/** `arn:aws:events:us-east-1:123456789012:rule/[bus/]name` → `name`. */
function ruleName(resources: readonly string[] | undefined): string | undefined {
  const arn = resources?.find((resource) => resource.includes(":rule/"));
  return arn?.slice(arn.lastIndexOf("/") + 1) || undefined;
}

function triggerOf(source: TriggerInfo["source"], scheduledTime?: string, triggerName?: string): TriggerInfo {
  return {
    source,
    ...(scheduledTime === undefined ? {} : { scheduledTime }),
    ...(triggerName === undefined ? {} : { triggerName }),
  };
}

/** Tells the event's form apart: an SCF timer event, an EventBridge scheduled event, or one of our own forms. */
function parseEvent(
  record: EventRecord,
  env: EnvironmentSettings,
  problems: Problems,
): { payload: Payload; trigger: TriggerInfo } | undefined {
  if (Object.hasOwn(record, "Type")) {
    const timer = problems.check(scfTimerEventSchema, record, "");
    if (timer === undefined) return undefined;
    const message = decodeEvent(timer.Message, "Message", problems);
    const payload = message === undefined ? undefined : parsePayload(message, "Message", env, problems);
    return payload && { payload, trigger: triggerOf("scf-timer", timer.Time, timer.TriggerName) };
  }
  if (Object.hasOwn(record, "source") || Object.hasOwn(record, "detail-type")) {
    const scheduled = problems.check(eventBridgeScheduledEventSchema, record, "");
    if (scheduled === undefined) return undefined;
    const payload = parsePayload({}, "", env, problems);
    return payload && { payload, trigger: triggerOf("eventbridge", scheduled.time, ruleName(scheduled.resources)) };
  }
  const payload = parsePayload(record, "", env, problems);
  if (payload === undefined) return undefined;
  const source = payload.scheduledTime === undefined ? "direct" : "scheduler";
  return { payload, trigger: triggerOf(source, payload.scheduledTime) };
}

/**
 * Validates an invocation. Throws InvalidInputError naming every bad field and value (never a secret's value).
 *
 * - `event`: our canonical, `targets`, classic SCF or `{group}` form, an SCF timer event, an EventBridge scheduled
 *   event, a JSON string of any of them, or nothing; without instances in the event, POWER_* variables name them.
 * - `env`: the POWER_* variables and the platform's region variables; options set there are defaults under the
 *   event's; the scope guard comes from here only.
 */
export function parseInvocation(action: PowerAction, event: unknown, env: Environment): Invocation {
  const problems = new Problems(env);
  const validAction = problems.check(actionSchema, action, "action");
  const settings = readEnvironment(env, problems);
  const record = decodeEvent(event, "event", problems);
  const parsed = record === undefined ? undefined : parseEvent(record, settings, problems);

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
