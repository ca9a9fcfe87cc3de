/**
 * The pure core of `powercron deploy scf`: what a function should look like, and which calls bring the account there.
 * No I/O: the deploy reads the account, asks these functions, and makes the calls they return.
 */
import { createHash } from "node:crypto";
import { InvalidInputError } from "../../../errors.ts";
import type { DeploySettings } from "../../../schedule/index.ts";

type ScfDeploySettings = DeploySettings["scf"];

import { fitName } from "../../../schedule/index.ts";
import { maskedEnvironment } from "../../deploy-check.ts";
import type { FunctionName } from "../../function-names.ts";
import { handlerString } from "../../handler-string.ts";
import { SCF_BUNDLE } from "../scf-bundle.ts";
import type { ScfTimerTrigger } from "../tick-trigger.ts";
import { SCF_TIMER_LIMIT } from "../ticks.ts";
import type { ScfFunctionSettings, ScfFunctionState, ScfMutation, ScfTimer } from "./scf-api.ts";

/** The functions' names in SCF: `powercron-<stage>-start`, `powercron-<stage>-stop`. */
export function scfFunctionName(stage: string, action: FunctionName): string {
  return `powercron-${stage}-${action}`;
}

/**
 * A timer's name in SCF: the stage, the trigger's own name, and a short hash of what it does (cron and message).
 * A changed timer therefore gets a new name, so a re-sync can create it before deleting the old one.
 */
export function scfTimerName(stage: string, trigger: { name: string; cron: string; customArgument: string }): string {
  const hash = createHash("sha256").update(`${trigger.cron}\n${trigger.customArgument}`).digest("hex").slice(0, 6);
  return fitName(`${stage}-${trigger.name}`, `-${hash}`, 60);
}

/** The code root of an SCF function; the zip's files land here. */
export const SCF_CODE_ROOT = "/var/user";
/** Holds the zip's SHA-256, so that a deploy uploads code only when it changed (GetFunction tells no code hash). */
export const CODE_HASH_VARIABLE = "POWERCRON_CODE_SHA256";
export const TRIGGER_QUALIFIER = "$DEFAULT";

export interface DesiredFunction {
  name: string;
  action: FunctionName;
  settings: ScfFunctionSettings;
  zipBase64: string;
  codeSha256: string;
  timers: ScfTimer[];
}

/** Where the config sits on SCF: the deployed functions' POWER_CONFIG. */
export const SCF_CONFIG_PATH = `${SCF_CODE_ROOT}/${SCF_BUNDLE.zipConfigEntry}`;

/** SCF's published limits a deploy must fit (the local cloud enforces the same). */
export const SCF_LIMITS = {
  timersPerFunction: SCF_TIMER_LIMIT,
  customArgumentBytes: 4096,
  environmentBytes: 4096,
  triggerName: /^[A-Za-z][A-Za-z0-9_-]{0,59}$/,
} as const;

/** Every way the function breaks SCF's published limits, in words; empty when it fits. */
export function scfLimitProblems(desired: Pick<DesiredFunction, "name" | "settings" | "timers">): string[] {
  const problems: string[] = [];
  const { name, timers } = desired;
  if (timers.length > SCF_LIMITS.timersPerFunction) {
    problems.push(`${name}: ${timers.length} timer triggers; SCF allows ${SCF_LIMITS.timersPerFunction} per function`);
  }
  for (const timer of timers) {
    if (!SCF_LIMITS.triggerName.test(timer.TriggerName)) {
      problems.push(
        `${name}: trigger name "${timer.TriggerName}" is not 1-60 letters, digits, - and _ starting with a letter`,
      );
    }
    const bytes = Buffer.byteLength(timer.CustomArgument);
    if (bytes > SCF_LIMITS.customArgumentBytes) {
      problems.push(
        `${name}: trigger "${timer.TriggerName}" CustomArgument takes ${bytes} bytes; SCF allows ${SCF_LIMITS.customArgumentBytes}`,
      );
    }
  }
  const variables = desired.settings.Environment.Variables;
  const environmentBytes = variables.reduce(
    (sum, { Key, Value }) => sum + Buffer.byteLength(Key) + Buffer.byteLength(Value),
    0,
  );
  if (environmentBytes > SCF_LIMITS.environmentBytes) {
    problems.push(
      `${name}: environment variables take ${environmentBytes} bytes (keys and values); SCF allows ${SCF_LIMITS.environmentBytes} in all: shorten deploy.scf.environment`,
    );
  }
  return problems;
}

/** The function the config asks for; throws InvalidInputError, before any call, when it breaks an SCF limit. */
export function desiredFunction(
  action: FunctionName,
  deploy: ScfDeploySettings,
  triggers: readonly ScfTimerTrigger[],
  zip: { base64: string; sha256: string },
  target: {
    stage: string;
    /** Every variable but the code hash: deploy-check.ts deployedEnvironment(). */
    environment: Readonly<Record<string, string>>;
  },
): DesiredFunction {
  const name = scfFunctionName(target.stage, action);
  // POWER_WORKER_FUNCTION: the function itself, the workers a fire over many accounts fans out to.
  const variables: Record<string, string> = {
    ...target.environment,
    POWER_WORKER_FUNCTION: name,
    [CODE_HASH_VARIABLE]: zip.sha256,
  };
  const desired: DesiredFunction = {
    name,
    action,
    settings: {
      Runtime: deploy.runtime,
      Handler: handlerString(SCF_BUNDLE, action),
      MemorySize: deploy.memoryMb,
      Timeout: deploy.timeoutSeconds,
      Description: `powercron (${target.stage}): ${action} the instances of the schedule groups`,
      ...(deploy.role ? { Role: deploy.role } : {}),
      Environment: {
        Variables: Object.entries(variables)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([Key, Value]) => ({ Key, Value })),
      },
    },
    zipBase64: zip.base64,
    codeSha256: zip.sha256,
    timers: triggers
      .filter((trigger) => trigger.action === action)
      .map((trigger) => ({
        TriggerName: scfTimerName(target.stage, trigger),
        cron: trigger.cron,
        CustomArgument: trigger.customArgument,
        enabled: true,
      })),
  };
  const problems = scfLimitProblems(desired);
  if (problems.length > 0) {
    throw new InvalidInputError(
      `The SCF deploy does not fit SCF's published limits:\n  - ${problems.join("\n  - ")}`,
      problems,
    );
  }
  return desired;
}

function variablesOf(settings: {
  Environment: { Variables: { Key: string; Value: string }[] };
}): Record<string, string> {
  return Object.fromEntries(settings.Environment.Variables.map(({ Key, Value }) => [Key, Value]));
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** Whether the deployed code is the desired zip (by the hash the last deploy recorded). */
export function codeIsCurrent(current: ScfFunctionState, desired: DesiredFunction): boolean {
  return (
    variablesOf(current)[CODE_HASH_VARIABLE] === desired.codeSha256 && current.Handler === desired.settings.Handler
  );
}

export function configurationIsCurrent(current: ScfFunctionState, desired: DesiredFunction): boolean {
  const want = desired.settings;
  return (
    current.Runtime === want.Runtime &&
    current.MemorySize === want.MemorySize &&
    current.Timeout === want.Timeout &&
    current.Description === want.Description &&
    (want.Role === undefined || current.Role === want.Role) &&
    sameVariables(variablesOf(current), variablesOf(want))
  );
}

/** The function's calls, in order; the deploy waits for Active after each. Empty when it is up to date. */
export function functionMutations(current: ScfFunctionState | undefined, desired: DesiredFunction): ScfMutation[] {
  const FunctionName = desired.name;
  if (!current) {
    return [
      { action: "CreateFunction", params: { FunctionName, Code: { ZipFile: desired.zipBase64 }, ...desired.settings } },
    ];
  }
  const mutations: ScfMutation[] = [];
  if (!codeIsCurrent(current, desired)) {
    mutations.push({
      action: "UpdateFunctionCode",
      params: { FunctionName, ZipFile: desired.zipBase64, Handler: desired.settings.Handler },
    });
  }
  // The code hash lives in the environment, so new code always brings a configuration update too.
  if (mutations.length > 0 || !configurationIsCurrent(current, desired)) {
    const { Handler: _handler, ...settings } = desired.settings;
    mutations.push({ action: "UpdateFunctionConfiguration", params: { FunctionName, ...settings } });
  }
  return mutations;
}

function sameTimer(a: ScfTimer, b: ScfTimer): boolean {
  return (
    a.TriggerName === b.TriggerName &&
    a.cron.trim().split(/\s+/).join(" ") === b.cron.trim().split(/\s+/).join(" ") &&
    a.CustomArgument === b.CustomArgument &&
    a.enabled === b.enabled
  );
}

/**
 * Timer sync: creates the missing first, then deletes the stale (unknown names, or a known name whose cron, argument
 * or state changed), so no fire is lost in between; a matching timer is left alone. A changed timer has a new name
 * (scfTimerName), so both exist for a moment; only a stale timer that holds a wanted name is deleted before its
 * replacement is created (the name must be free).
 */
export function timerMutations(current: readonly ScfTimer[], desired: DesiredFunction): ScfMutation[] {
  const FunctionName = desired.name;
  const keep = current.filter((timer) => desired.timers.some((want) => sameTimer(timer, want)));
  const deletions: Extract<ScfMutation, { action: "DeleteTrigger" }>[] = current
    .filter((timer) => !keep.includes(timer))
    .map((timer) => ({
      action: "DeleteTrigger" as const,
      params: { FunctionName, TriggerName: timer.TriggerName, Type: "timer" },
    }));
  const creations: ScfMutation[] = desired.timers
    .filter((want) => !keep.some((timer) => sameTimer(timer, want)))
    .map((want) => ({
      action: "CreateTrigger",
      params: {
        FunctionName,
        TriggerName: want.TriggerName,
        Type: "timer",
        TriggerDesc: want.cron,
        Enable: "OPEN",
        CustomArgument: want.CustomArgument,
        Qualifier: TRIGGER_QUALIFIER,
      },
    }));
  const wantedNames = new Set(desired.timers.map((want) => want.TriggerName));
  const blocking = deletions.filter((deletion) => wantedNames.has(deletion.params.TriggerName));
  return [...blocking, ...creations, ...deletions.filter((deletion) => !blocking.includes(deletion))];
}

/**
 * One line per call for --dry-run and the deploy log; the zip is shown by size, never inline, and the environment with
 * its secrets masked.
 */
export function describeMutation(mutation: ScfMutation, secretNames: readonly string[] = []): string {
  const { action, params } = mutation;
  const shown: Record<string, unknown> = { ...params };
  if ("Environment" in params) {
    const variables = Object.fromEntries(params.Environment.Variables.map(({ Key, Value }) => [Key, Value]));
    shown.Environment = { Variables: maskedEnvironment(variables, secretNames) };
  }
  if ("Code" in shown) shown.Code = { ZipFile: zipSummary(mutation) };
  if ("ZipFile" in shown) shown.ZipFile = zipSummary(mutation);
  return `${action} ${JSON.stringify(shown)}`;
}

function zipSummary(mutation: ScfMutation): string {
  const base64 =
    mutation.action === "CreateFunction"
      ? mutation.params.Code.ZipFile
      : mutation.action === "UpdateFunctionCode"
        ? mutation.params.ZipFile
        : "";
  return `<zip, ${(Math.floor((base64.length * 3) / 4) / 1024).toFixed(1)} KB>`;
}
