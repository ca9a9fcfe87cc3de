import { createHash } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { parseTencentParams } from "../tencent/params.ts";
import type { TencentService, TencentServiceContext } from "../tencent/service.ts";
import {
  CreateFunctionParams,
  CreateTriggerParams,
  DeleteFunctionParams,
  DeleteTriggerParams,
  GetFunctionParams,
  ListTriggersParams,
  UpdateFunctionCodeParams,
  UpdateFunctionConfigurationParams,
} from "./scf-params.ts";
import { type EmulatedFunction, type EmulatedTrigger, type ScfState, scfTime } from "./scf-state.ts";

/**
 * Tencent SCF, API 2018-04-16: the actions a deploy and a remove need. Shapes as the API answers them: Status Creating/Updating
 * then Active, a timer's TriggerDesc read back as `{"cron":"..."}`, Enable as a number. The published limits are
 * enforced, so that a config that would fail on the platform fails in tests first: 10 triggers of one type per
 * function (`LimitExceeded.Trigger`), a timer's CustomArgument at most 4 KB, trigger names at most 60 characters
 * starting with a letter, environment variables 4 KB in all.
 */

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/;
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
/** Triggers of one type per function. */
export const MAX_TRIGGERS_PER_TYPE = 10;
/** All environment variables of a function, keys and values, in bytes. */
export const MAX_ENVIRONMENT_BYTES = 4096;
/** The SDK's documented list, with the newer identifiers CloudBase (SCF) functions are reported to run on. */
const NODE_RUNTIMES = [
  "Nodejs6.10",
  "Nodejs8.9",
  "Nodejs10.15",
  "Nodejs12.16",
  "Nodejs14.18",
  "Nodejs16.13",
  "Nodejs18.15",
  "Nodejs20.19",
  "Nodejs22.21",
  "Nodejs24.11",
];
const DEFAULT_NAMESPACE = "default";
const MAX_CUSTOM_ARGUMENT = 4096;

function invalid(field: string, message: string): EmulatedApiError {
  return new EmulatedApiError(`InvalidParameterValue.${field}`, message);
}

function checkSettings(params: {
  MemorySize?: number | undefined;
  Timeout?: number | undefined;
  Runtime?: string | undefined;
  Environment?: { Variables?: { Key: string; Value: string }[] | undefined } | undefined;
}) {
  const variables = params.Environment?.Variables ?? [];
  const bytes = variables.reduce((sum, { Key, Value }) => sum + Buffer.byteLength(Key) + Buffer.byteLength(Value), 0);
  if (bytes > MAX_ENVIRONMENT_BYTES) {
    throw invalid(
      "Environment",
      `Environment variables take ${bytes} bytes; the limit is ${MAX_ENVIRONMENT_BYTES} bytes for all keys and values.`,
    );
  }
  if (
    params.MemorySize !== undefined &&
    (params.MemorySize < 64 || params.MemorySize > 3072 || params.MemorySize % 64 !== 0)
  ) {
    throw invalid("MemorySize", `MemorySize ${params.MemorySize} must be 64 to 3072 MB in steps of 64.`);
  }
  if (params.Timeout !== undefined && (params.Timeout < 1 || params.Timeout > 900)) {
    throw invalid("Timeout", `Timeout ${params.Timeout} must be 1 to 900 seconds.`);
  }
  if (params.Runtime !== undefined && !NODE_RUNTIMES.includes(params.Runtime)) {
    throw invalid("Runtime", `Runtime ${params.Runtime} is not supported here (${NODE_RUNTIMES.join(", ")}).`);
  }
}

/** The zip must be base64 of a real zip (local file header PK\x03\x04). */
function decodeZip(zipFile: string): Buffer {
  const zip = Buffer.from(zipFile, "base64");
  if (zip.length < 22 || zip.readUInt32LE(0) !== 0x04034b50) {
    throw invalid("ZipFile", "ZipFile is not a base64-encoded zip archive.");
  }
  return zip;
}

/** A 7-field SCF cron: second minute hour day month day-of-week year. Checks the shape, not every value. */
function checkCron(cron: string): void {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7 || !fields.every((field) => /^[0-9A-Za-z*?,\-/#LW]+$/.test(field))) {
    throw invalid(
      "TriggerDesc",
      `TriggerDesc "${cron}" is not a 7-field cron (second minute hour day month week year).`,
    );
  }
}

function namespaceOf(params: { Namespace?: string | undefined }): string {
  return params.Namespace ?? DEFAULT_NAMESPACE;
}

export function createScfService(state: ScfState): TencentService {
  function find(ctx: TencentServiceContext, params: { FunctionName: string; Namespace?: string | undefined }) {
    const fn = state.get(ctx.region, namespaceOf(params), params.FunctionName);
    if (!fn) {
      throw new EmulatedApiError(
        "ResourceNotFound.Function",
        `The function ${params.FunctionName} does not exist in namespace ${namespaceOf(params)} of ${ctx.region}.`,
      );
    }
    return fn;
  }

  function requireActive(fn: EmulatedFunction, action: string): void {
    const status = state.status(fn);
    if (status !== "Active") {
      throw new EmulatedApiError(
        `FailedOperation.${action}`,
        `The function ${fn.FunctionName} is ${status}: ${action} needs it Active; retry when GetFunction says Active.`,
      );
    }
  }

  function setCode(fn: EmulatedFunction, zipFile: string): void {
    const zip = decodeZip(zipFile);
    fn.CodeSha256 = createHash("sha256").update(zip).digest("hex");
    fn.CodeSize = zip.length;
  }

  function triggerView(trigger: EmulatedTrigger) {
    return {
      ...trigger,
      AvailableStatus: "Available",
      BindStatus: "on",
      TriggerAttribute: "",
      ResourceId: "",
    };
  }

  return {
    name: "scf",
    version: "2018-04-16",
    actions: {
      CreateFunction(raw, ctx) {
        const params = parseTencentParams(CreateFunctionParams, raw);
        if (!FUNCTION_NAME.test(params.FunctionName)) {
          throw invalid(
            "FunctionName",
            `FunctionName ${params.FunctionName}: 2-60 letters, digits, - and _, starting with a letter.`,
          );
        }
        checkSettings(params);
        const namespace = namespaceOf(params);
        if (state.get(ctx.region, namespace, params.FunctionName)) {
          throw new EmulatedApiError("ResourceInUse.Function", `The function ${params.FunctionName} already exists.`);
        }
        const now = scfTime(state.now());
        const fn: EmulatedFunction = {
          FunctionName: params.FunctionName,
          Namespace: namespace,
          Runtime: params.Runtime ?? "Python3.6",
          Handler: params.Handler ?? "index.main_handler",
          MemorySize: params.MemorySize ?? 128,
          Timeout: params.Timeout ?? 3,
          Role: params.Role ?? "",
          Description: params.Description ?? "",
          Environment: params.Environment?.Variables ?? [],
          CodeSha256: "",
          CodeSize: 0,
          AddTime: now,
          ModTime: now,
          triggers: [],
        };
        setCode(fn, params.Code.ZipFile);
        state.add(ctx.region, fn);
        state.busy(fn, "Creating");
        return {};
      },

      UpdateFunctionCode(raw, ctx) {
        const params = parseTencentParams(UpdateFunctionCodeParams, raw);
        const fn = find(ctx, params);
        requireActive(fn, "UpdateFunctionCode");
        setCode(fn, params.ZipFile);
        if (params.Handler !== undefined) fn.Handler = params.Handler;
        state.busy(fn, "Updating");
        return {};
      },

      UpdateFunctionConfiguration(raw, ctx) {
        const params = parseTencentParams(UpdateFunctionConfigurationParams, raw);
        const fn = find(ctx, params);
        requireActive(fn, "UpdateFunctionConfiguration");
        checkSettings(params);
        if (params.Description !== undefined) fn.Description = params.Description;
        if (params.MemorySize !== undefined) fn.MemorySize = params.MemorySize;
        if (params.Timeout !== undefined) fn.Timeout = params.Timeout;
        if (params.Runtime !== undefined) fn.Runtime = params.Runtime;
        if (params.Role !== undefined) fn.Role = params.Role;
        if (params.Environment?.Variables !== undefined) fn.Environment = params.Environment.Variables;
        state.busy(fn, "Updating");
        return {};
      },

      GetFunction(raw, ctx) {
        const params = parseTencentParams(GetFunctionParams, raw);
        const fn = find(ctx, params);
        const status = state.status(fn);
        return {
          FunctionName: fn.FunctionName,
          Namespace: fn.Namespace,
          Runtime: fn.Runtime,
          Handler: fn.Handler,
          MemorySize: fn.MemorySize,
          Timeout: fn.Timeout,
          Role: fn.Role,
          Description: fn.Description,
          Environment: { Variables: fn.Environment },
          CodeInfo: "",
          CodeSize: fn.CodeSize,
          CodeResult: "success",
          CodeError: "",
          ModTime: fn.ModTime,
          AddTime: fn.AddTime,
          Status: status,
          StatusDesc: status === "Active" ? "" : `${status}...`,
          Qualifier: params.Qualifier ?? "$LATEST",
          Type: "Event",
          Triggers: fn.triggers.map(triggerView),
        };
      },

      ListTriggers(raw, ctx) {
        const params = parseTencentParams(ListTriggersParams, raw);
        const fn = find(ctx, params);
        const offset = params.Offset ?? 0;
        const limit = params.Limit ?? 20;
        if (offset < 0 || limit < 1 || limit > 100) {
          throw invalid("Limit", "`Offset` must be ≥ 0 and `Limit` from 1 to 100.");
        }
        return { TotalCount: fn.triggers.length, Triggers: fn.triggers.slice(offset, offset + limit).map(triggerView) };
      },

      CreateTrigger(raw, ctx) {
        const params = parseTencentParams(CreateTriggerParams, raw);
        const fn = find(ctx, params);
        requireActive(fn, "CreateTrigger");
        if (params.Type !== "timer") {
          throw invalid("Type", `Trigger type ${params.Type} is not emulated here; only timer.`);
        }
        if (!TRIGGER_NAME.test(params.TriggerName)) {
          throw invalid(
            "TriggerName",
            `TriggerName ${params.TriggerName}: at most 60 letters, digits, - and _, starting with a letter.`,
          );
        }
        if (fn.triggers.some((trigger) => trigger.TriggerName === params.TriggerName)) {
          throw new EmulatedApiError("ResourceInUse.Trigger", `The trigger ${params.TriggerName} already exists.`);
        }
        const cron = params.TriggerDesc ?? "";
        checkCron(cron);
        const argumentBytes = Buffer.byteLength(params.CustomArgument ?? "");
        if (argumentBytes > MAX_CUSTOM_ARGUMENT) {
          throw invalid(
            "CustomArgument",
            `CustomArgument takes ${argumentBytes} bytes; the limit is ${MAX_CUSTOM_ARGUMENT} bytes.`,
          );
        }
        if (fn.triggers.filter((trigger) => trigger.Type === params.Type).length >= MAX_TRIGGERS_PER_TYPE) {
          throw new EmulatedApiError(
            "LimitExceeded.Trigger",
            `The number of triggers exceeds the upper limit: ${fn.FunctionName} already has ${MAX_TRIGGERS_PER_TYPE} ${params.Type} triggers.`,
          );
        }
        const now = scfTime(state.now());
        const trigger: EmulatedTrigger = {
          TriggerName: params.TriggerName,
          Type: params.Type,
          TriggerDesc: JSON.stringify({ cron }),
          Enable: params.Enable === "CLOSE" ? 0 : 1,
          CustomArgument: params.CustomArgument ?? "",
          Qualifier: params.Qualifier ?? "$DEFAULT",
          Description: params.Description ?? "",
          AddTime: now,
          ModTime: now,
        };
        fn.triggers.push(trigger);
        return { TriggerInfo: triggerView(trigger) };
      },

      DeleteFunction(raw, ctx) {
        const params = parseTencentParams(DeleteFunctionParams, raw);
        const fn = find(ctx, params);
        requireActive(fn, "DeleteFunction");
        if (params.Qualifier !== undefined && params.Qualifier !== "$LATEST") {
          throw invalid("Qualifier", `Qualifier ${params.Qualifier}: only $LATEST (every version) is emulated here.`);
        }
        // Its triggers go with it, as on SCF.
        state.remove(ctx.region, fn);
        return {};
      },

      DeleteTrigger(raw, ctx) {
        const params = parseTencentParams(DeleteTriggerParams, raw);
        const fn = find(ctx, params);
        const index = fn.triggers.findIndex(
          (trigger) => trigger.TriggerName === params.TriggerName && trigger.Type === params.Type,
        );
        if (index < 0) {
          throw new EmulatedApiError(
            "ResourceNotFound.Trigger",
            `The ${params.Type} trigger ${params.TriggerName} of ${fn.FunctionName} does not exist.`,
          );
        }
        fn.triggers.splice(index, 1);
        return {};
      },
    },
  };
}
