import {
  DEFAULT_OPTIONS,
  type PowerAction,
  type PowerOptions,
  type PowerRequest,
  type PowerTarget,
  type ProviderName,
  type Tags,
} from "../../src/domain/types.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { type Invocation, parseInvocation } from "../../src/input/parse-invocation.ts";
import { PLATFORM_FORMS } from "../support/platform-events.ts";

export type Env = Record<string, string | undefined>;

export const TENCENT_ID = "ins-kqf9os9x";
export const TENCENT_ID_2 = "ins-3x7prm2a";
export const AWS_ID = "i-0123456789abcdef0";
export const AWS_ID_SHORT = "i-12345678";

export function target(provider: ProviderName, region: string, instanceIds: string[], tags: Tags = {}): PowerTarget {
  return { provider, region, instanceIds, tags };
}

export function options(overrides: Partial<PowerOptions> = {}): PowerOptions {
  return { ...DEFAULT_OPTIONS, ...overrides };
}

/** The request of an invocation that must parse to one (not to a group). */
export function requestOf(event: unknown, env: Env = {}, action: PowerAction = "stop"): PowerRequest {
  const invocation: Invocation = parseInvocation(action, event, env, PLATFORM_FORMS);
  if (invocation.kind !== "request") throw new Error(`expected a request, got a ${invocation.kind}`);
  return invocation.request;
}

/** The InvalidInputError an invocation must throw. */
export function invalidInput(event: unknown, env: Env = {}, action: string = "stop"): InvalidInputError {
  try {
    parseInvocation(action as PowerAction, event, env, PLATFORM_FORMS);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("expected InvalidInputError, but the input was accepted");
}

/** A bad-input case: what is sent, and what the message must name. */
export interface BadCase {
  case: string;
  event?: unknown;
  env?: Env;
  action?: string;
  /** The field (event path or variable) the message must name. */
  field: string;
  /** The offending value as the message must show it. */
  value: string;
}

/** The case is refused with one problem that names both its field and its value. */
export function expectRefused({ event, env, action, field, value }: BadCase): void {
  const error = invalidInput(event, env, action);
  if (!(error instanceof InvalidInputError)) throw new Error("not an InvalidInputError");
  if (!error.message.includes(field) || !error.message.includes(value)) {
    throw new Error(`message does not name ${field} and ${value}:\n${error.message}`);
  }
  if (!error.issues.some((issue) => issue.includes(field) && issue.includes(value))) {
    throw new Error(`no single issue names ${field} and ${value}:\n${error.issues.join("\n")}`);
  }
}
