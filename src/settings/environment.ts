/** The one place that reads the process's environment: everything else is handed a snapshot. */
import type { Setting } from "./variables.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

/** The process's environment, read at call time (SCF rotates the role's keys between invocations). */
export function processEnvironment(): Environment {
  return process.env;
}

/** A variable's trimmed value, or undefined when unset or blank (a console's empty field means "not set"). */
export function settingText(env: Environment, setting: Setting | string): string | undefined {
  const value = env[typeof setting === "string" ? setting : setting.name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/**
 * A safety switch's value: `blank` when set to white space only, which must not count as "unset": a guard that a
 * stray space switches off is no guard.
 */
export function safetyText(env: Environment, setting: Setting): string | { readonly blank: string } | undefined {
  const value = env[setting.name];
  if (value === undefined) return undefined;
  return value.trim() === "" ? { blank: value } : value.trim();
}
