/**
 * removeScf, over an in-memory SCF account: the timers go before their function, a function SCF is still updating is
 * waited for before it is deleted, and the deploy waits until the function is gone. A dry run reads, never writes.
 */
import { describe, expect, it } from "vitest";
import type { ScfApi, ScfFunctionState, ScfMutation, ScfTimer } from "../../../src/platforms/scf/deploy/scf-api.ts";
import { removeScf } from "../../../src/platforms/scf/deploy/scf-remove.ts";

function fn(name: string, Status: string): ScfFunctionState {
  return {
    FunctionName: name,
    Status,
    StatusDesc: "",
    Role: "",
    Runtime: "Nodejs22.21",
    Handler: "index.main_handler",
    MemorySize: 128,
    Timeout: 300,
    Description: "",
    Environment: { Variables: [] },
  };
}

const timer = (TriggerName: string): ScfTimer => ({
  TriggerName,
  cron: "0 0 22 * * * *",
  CustomArgument: "",
  enabled: true,
});

/** An account whose functions answer the statuses given, one per GetFunction, then the last for ever. */
function account(statuses: Record<string, string[]>, timers: Record<string, ScfTimer[]>) {
  const calls: string[] = [];
  const gone = new Set<string>();
  const api: ScfApi = {
    getFunction: async (name) => {
      calls.push(`GetFunction ${name}`);
      const queue = statuses[name];
      if (!queue || gone.has(name)) return undefined;
      const status = queue.length > 1 ? (queue.shift() as string) : (queue[0] as string);
      return fn(name, status);
    },
    listTimers: async (name) => timers[name] ?? [],
    mutate: async (mutation: ScfMutation) => {
      calls.push(`${mutation.action} ${JSON.stringify(mutation.params)}`);
      if (mutation.action === "DeleteFunction") gone.add(mutation.params.FunctionName);
    },
  };
  return { api, calls };
}

describe("Function: removeScf", () => {
  it("deletes the timers, then the function, for each of the stage's two; waits for a busy one", async () => {
    const { api, calls } = account(
      { "powercron-qa-start": ["Updating", "Updating", "Active"], "powercron-qa-stop": ["Active"] },
      { "powercron-qa-start": [timer("qa-a")], "powercron-qa-stop": [timer("qa-b"), timer("qa-c")] },
    );
    const result = await removeScf({ stage: "qa", api, log: () => {}, sleep: async () => {} });
    expect(result.removed).toEqual(["powercron-qa-start", "powercron-qa-stop"]);
    expect(calls.filter((call) => !call.startsWith("GetFunction"))).toEqual([
      'DeleteTrigger {"FunctionName":"powercron-qa-start","TriggerName":"qa-a","Type":"timer"}',
      'DeleteFunction {"FunctionName":"powercron-qa-start"}',
      'DeleteTrigger {"FunctionName":"powercron-qa-stop","TriggerName":"qa-b","Type":"timer"}',
      'DeleteTrigger {"FunctionName":"powercron-qa-stop","TriggerName":"qa-c","Type":"timer"}',
      'DeleteFunction {"FunctionName":"powercron-qa-stop"}',
    ]);
    // Three reads until the start function settled, before its first delete.
    expect(
      calls.indexOf('DeleteTrigger {"FunctionName":"powercron-qa-start","TriggerName":"qa-a","Type":"timer"}'),
    ).toBe(3);
  });

  it("on a dry run lists the same calls and makes none", async () => {
    const { api, calls } = account({ "powercron-qa-stop": ["Active"] }, { "powercron-qa-stop": [timer("qa-b")] });
    const lines: string[] = [];
    const result = await removeScf({ stage: "qa", api, dryRun: true, log: (line) => lines.push(line) });
    expect(result.mutations.map((mutation) => mutation.action)).toEqual(["DeleteTrigger", "DeleteFunction"]);
    expect(calls.every((call) => call.startsWith("GetFunction"))).toBe(true);
    expect(lines).toContain("powercron-qa-start: not deployed, nothing to remove");
    expect(lines).toContain("powercron-qa-stop: would be removed, with 1 timer trigger(s)");
  });

  it("gives up on a function that does not go, naming it", async () => {
    const api: ScfApi = {
      getFunction: async (name) => fn(name, "Deleting"),
      listTimers: async () => [],
      mutate: async () => {},
    };
    await expect(removeScf({ stage: "qa", api, log: () => {}, sleep: async () => {}, timeoutMs: 0 })).rejects.toThrow(
      /SCF function powercron-qa-start is still Deleting after 0 ms \(being deleted\)/,
    );
  });
});
