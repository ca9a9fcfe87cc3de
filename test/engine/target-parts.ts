/** Wiring for the specs of TargetRun's pieces: one in-memory cloud region, virtual time, and the pieces over it. */
import {
  DEFAULT_OPTIONS,
  type InstanceView,
  type PowerAction,
  type PowerTarget,
  type ScopeGuard,
} from "../../src/domain/types.ts";
import { Admission } from "../../src/engine/admission.ts";
import { type CallContext, DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../src/engine/call-with-retry.ts";
import { Deadline } from "../../src/engine/deadline.ts";
import { InstanceLedger } from "../../src/engine/instance-ledger.ts";
import { InstanceReader } from "../../src/engine/instance-reader.ts";
import { RateLimiterRegistry } from "../../src/engine/rate-limiter.ts";
import { Settling } from "../../src/engine/settling.ts";
import { TargetCalls } from "../../src/engine/target-calls.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { type FakeInstance, FakeProvider } from "../support/fake-provider.ts";

export const OPTIONS = DEFAULT_OPTIONS;

export interface PartsSetup {
  cloud?: "tencent" | "aws";
  action?: PowerAction;
  fleet?: readonly FakeInstance[];
  budgetMs?: number;
  scope?: ScopeGuard;
  account?: string;
  policy?: Partial<RetryPolicy>;
}

/** The pieces of one target's run, wired as TargetRun wires them; `acted` records what Settling handed back to act. */
export function targetParts(setup: PartsSetup = {}) {
  const cloud = setup.cloud ?? "tencent";
  const action = setup.action ?? "stop";
  const region = cloud === "tencent" ? "ap-shanghai" : "us-east-1";
  const provider = new FakeProvider(cloud, region, setup.fleet ?? []);
  const clock = new FakeClock();
  const apiCalls: Record<string, number> = {};
  const context: CallContext = {
    clock,
    random: () => 0.5,
    deadline: Deadline.after(clock, setup.budgetMs ?? 60_000),
    policy: { ...DEFAULT_RETRY_POLICY, pollIntervalMs: 1_000, ...setup.policy },
    countCall: (apiAction) => {
      apiCalls[apiAction] = (apiCalls[apiAction] ?? 0) + 1;
    },
  };
  const limiters = new RateLimiterRegistry(clock);
  const ledger = new InstanceLedger(cloud, region, action);
  const calls = new TargetCalls(provider, setup.account, action, context, limiters);
  const reader = new InstanceReader(provider, calls, ledger);
  const rechecked: string[] = [];
  const admission = new Admission(ledger, setup.scope ?? {}, action, clock, (id) => {
    rechecked.push(id);
    settling.stillMoving(id);
  });
  const acted: string[][] = [];
  const settling = new Settling({
    context,
    ledger,
    reader,
    admission,
    act: async (views) => {
      acted.push(views.map((view) => view.instanceId));
    },
  });
  const target: PowerTarget = { provider: cloud, region, instanceIds: [], tags: {} };
  return {
    provider,
    clock,
    context,
    apiCalls,
    limiters,
    ledger,
    calls,
    reader,
    admission,
    settling,
    acted,
    rechecked,
    target,
  };
}

/** A described instance, as a cloud's describe would show it. */
export function view(
  instanceId: string,
  state: InstanceView["state"],
  extra: Partial<InstanceView> = {},
): InstanceView {
  return { instanceId, state, cloudState: state, tags: {}, ...extra };
}

/** The ledger's settled instances by ID: outcome, and code where there is one (instances only seen are left out). */
export function outcomes(ledger: InstanceLedger): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const row of ledger.rows()) {
    if (!ledger.outcomeOf(row.instanceId)) continue;
    rows[row.instanceId] = row.code ? `${row.outcome} ${row.code}` : row.outcome;
  }
  return rows;
}
