import { scf } from "tencentcloud-sdk-nodejs-scf";
import { CloudApiError } from "../../../errors.ts";
import type { TencentCredential } from "../../../providers/index.ts";
import { fromTencentError, tencentHttpProfile } from "../../../providers/index.ts";

/** The SCF calls a deploy makes, in the API's own parameter names. */
export interface ScfFunctionSettings {
  Runtime: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Description: string;
  Role?: string;
  Environment: { Variables: { Key: string; Value: string }[] };
}

export interface ScfFunctionState extends Omit<ScfFunctionSettings, "Role"> {
  FunctionName: string;
  Status: string;
  StatusDesc: string;
  Role: string;
}

export interface ScfTimer {
  TriggerName: string;
  /** The raw 7-field cron (read back from `{"cron": ...}`). */
  cron: string;
  CustomArgument: string;
  enabled: boolean;
}

/** The mutating calls, as plain records: what --dry-run prints and the real client sends. */
export type ScfMutation =
  | { action: "CreateFunction"; params: { FunctionName: string; Code: { ZipFile: string } } & ScfFunctionSettings }
  | { action: "UpdateFunctionCode"; params: { FunctionName: string; ZipFile: string; Handler: string } }
  | { action: "UpdateFunctionConfiguration"; params: { FunctionName: string } & Omit<ScfFunctionSettings, "Handler"> }
  | {
      action: "CreateTrigger";
      params: {
        FunctionName: string;
        TriggerName: string;
        Type: "timer";
        TriggerDesc: string;
        Enable: "OPEN";
        CustomArgument: string;
        Qualifier: string;
      };
    }
  | { action: "DeleteTrigger"; params: { FunctionName: string; TriggerName: string; Type: "timer" } }
  | { action: "DeleteFunction"; params: { FunctionName: string } };

/** The SCF account of one region and namespace. */
export interface ScfApi {
  /** undefined when the function does not exist. */
  getFunction(name: string): Promise<ScfFunctionState | undefined>;
  listTimers(name: string): Promise<ScfTimer[]>;
  mutate(mutation: ScfMutation): Promise<void>;
}

export interface ScfApiOptions {
  region: string;
  namespace: string;
  credential: () => TencentCredential;
  /** A full URL such as http://127.0.0.1:9000 (TENCENTCLOUD_SCF_ENDPOINT); default the public endpoint. */
  endpoint?: string;
  requestTimeoutMs?: number;
}

type ScfClient = InstanceType<typeof scf.v20180416.Client>;

/** The SDK's httpProfile for SCF, with the endpoint override addressed as `scf.<host>`. */
export function scfHttpProfile(endpoint: string | undefined, timeoutMs: number) {
  return tencentHttpProfile("scf", endpoint, timeoutMs);
}

/** The SCF SDK throws the same exception as CVM's: one mapping, with the service named in the message. */
function fromScfError(error: unknown, action: string): CloudApiError {
  const mapped = fromTencentError(error, action);
  return new CloudApiError(mapped.code, `SCF ${action} failed: ${mapped.message}`, mapped.details, { cause: error });
}

const PAGE = 100;

/** Tencent SCF (API 2018-04-16) through tencentcloud-sdk-nodejs-scf: SDK calls and error mapping only. */
export class TencentScfApi implements ScfApi {
  private readonly client: ScfClient;

  constructor(private readonly options: ScfApiOptions) {
    this.client = new scf.v20180416.Client({
      credential: { getCredential: async () => options.credential() },
      region: options.region,
      profile: { httpProfile: scfHttpProfile(options.endpoint, options.requestTimeoutMs ?? 30_000) },
    });
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw fromScfError(error, action);
    }
  }

  async getFunction(name: string): Promise<ScfFunctionState | undefined> {
    try {
      const answer = await this.client.GetFunction({ FunctionName: name, Namespace: this.options.namespace });
      return {
        FunctionName: answer.FunctionName ?? name,
        Status: answer.Status ?? "",
        StatusDesc: answer.StatusDesc ?? "",
        Runtime: answer.Runtime ?? "",
        Handler: answer.Handler ?? "",
        MemorySize: answer.MemorySize ?? 0,
        Timeout: answer.Timeout ?? 0,
        Description: answer.Description ?? "",
        Role: answer.Role ?? "",
        Environment: {
          Variables: (answer.Environment?.Variables ?? []).map((item) => ({
            Key: item.Key ?? "",
            Value: item.Value ?? "",
          })),
        },
      };
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (code.startsWith("ResourceNotFound.Function")) return undefined;
      throw fromScfError(error, "GetFunction");
    }
  }

  async listTimers(name: string): Promise<ScfTimer[]> {
    const timers: ScfTimer[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const answer = await this.call("ListTriggers", () =>
        this.client.ListTriggers({
          FunctionName: name,
          Namespace: this.options.namespace,
          Offset: offset,
          Limit: PAGE,
        }),
      );
      const page = answer.Triggers ?? [];
      for (const trigger of page) {
        if (trigger.Type !== "timer") continue;
        timers.push({
          TriggerName: trigger.TriggerName ?? "",
          cron: timerCron(trigger.TriggerDesc ?? ""),
          CustomArgument: trigger.CustomArgument ?? "",
          enabled: trigger.Enable === 1,
        });
      }
      if (page.length < PAGE || offset + PAGE >= (answer.TotalCount ?? 0)) return timers;
    }
  }

  async mutate(mutation: ScfMutation): Promise<void> {
    const Namespace = this.options.namespace;
    await this.call(mutation.action, async () => {
      switch (mutation.action) {
        case "CreateFunction":
          return this.client.CreateFunction({ ...mutation.params, Namespace });
        case "UpdateFunctionCode":
          return this.client.UpdateFunctionCode({ ...mutation.params, Namespace });
        case "UpdateFunctionConfiguration":
          return this.client.UpdateFunctionConfiguration({ ...mutation.params, Namespace });
        case "CreateTrigger":
          return this.client.CreateTrigger({ ...mutation.params, Namespace });
        case "DeleteTrigger":
          return this.client.DeleteTrigger({ ...mutation.params, Namespace });
        case "DeleteFunction":
          return this.client.DeleteFunction({ ...mutation.params, Namespace });
      }
    });
  }
}

/** A timer's TriggerDesc is `{"cron":"..."}` when read back; older answers (and the create call) hold the raw cron. */
export function timerCron(triggerDesc: string): string {
  try {
    const parsed: unknown = JSON.parse(triggerDesc);
    if (parsed && typeof parsed === "object" && typeof (parsed as { cron?: unknown }).cron === "string") {
      return (parsed as { cron: string }).cron;
    }
  } catch {
    // not JSON: the raw cron
  }
  return triggerDesc;
}
