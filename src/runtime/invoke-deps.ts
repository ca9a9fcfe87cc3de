/**
 * What an invocation runs with (the environment, the clock, the seams tests and the CLI replace) and the shapes of
 * the resolvers that turn fires into requests. Types only: every runtime file may import this one, and it imports
 * none of them back but the types of the platforms' events and the alerts' seams.
 */
import type {
  CloudAccount,
  OrganizationSource,
  PowerAction,
  PowerOptions,
  PowerRequest,
  ProviderName,
} from "../domain/index.ts";
import type { Clock, Random } from "../engine/index.ts";
import type { Invocation } from "../input/index.ts";
import type { ProviderFactory } from "../providers/index.ts";
import type { Environment } from "../settings/index.ts";
import type { NotifyDeps } from "./notify-deps.ts";
import type { PlatformEvents, TickDue, TickFire } from "./platform-events.ts";
import type { Workers } from "./workers.ts";

/** An invocation that names a schedule group: a `{group}` event, or one group of a tick or an enforce fire. */
export type GroupInvocation = Extract<Invocation, { kind: "group" }>;

/**
 * A group whose accounts come from its cloud's organisation: what to list, and the request once the accounts are
 * known (one target per account and region). The dispatcher lists (once per invocation) and then runs it.
 */
export interface OrganizationDemand {
  readonly group: string;
  readonly provider: ProviderName;
  readonly source: OrganizationSource;
  readonly regions: readonly string[];
  readonly request: (accounts: readonly string[]) => PowerRequest;
}

/**
 * Turns `{"group": …}` into a request, or says why this fire is skipped (schedule guard); `platforms`, the ones the
 * invocation knows, word a misfire's likely cause.
 */
export type GroupResolver = (
  invocation: GroupInvocation,
  action: PowerAction,
  env: Environment,
  platforms?: readonly PlatformEvents[],
) => Promise<{ request: PowerRequest } | { organization: OrganizationDemand } | { skip: string }>;

/**
 * A platform's tick → the names of the groups due at its time (and notes on the ones skipped), through the schedule
 * side of the platform's ticks; throws on a misfire.
 */
export type TickResolver = (
  tick: TickFire,
  action: PowerAction,
  env: Environment,
  platform: PlatformEvents,
) => Promise<TickDue>;

/** An enforce fire → the group's request and the time the drifted instances should have changed, or why not. */
export type EnforceResolver = (
  invocation: GroupInvocation,
  action: PowerAction,
  env: Environment,
  now: Date,
) => Promise<
  { request: PowerRequest; dueAt: Date } | { organization: OrganizationDemand; dueAt: Date } | { skip: string }
>;

/**
 * What one fire comes to: the request it stands for (with, for an enforce fire, when the drifted instances were due
 * to change), or why it does nothing.
 */
export type Resolution =
  | { readonly request: PowerRequest; readonly dueAt?: Date }
  | { readonly organization: OrganizationDemand; readonly dueAt?: Date }
  | { readonly skip: string };

export interface InvokeDeps {
  readonly env: Environment;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly providers?: ProviderFactory;
  /** Wraps the providers the run uses (the CLI's progress line counts their calls); default none. */
  readonly observeProviders?: (providers: ProviderFactory) => ProviderFactory;
  /**
   * The platforms whose events this invocation reads (their event forms and ticks): the handler entry's own, all of
   * them for `powercron run`; none = our own event forms only.
   */
  readonly platforms?: readonly PlatformEvents[];
  readonly resolveGroup?: GroupResolver;
  readonly resolveTick?: TickResolver;
  /** Turns an enforce fire into a request on the drifted state, or says why it does nothing. */
  readonly resolveEnforce?: EnforceResolver;
  /**
   * "Now" for the stale-event check (POWER_MAX_EVENT_AGE); default the clock. `powercron run --now TIME` sets it to
   * replay an old fire on purpose.
   */
  readonly now?: () => number;
  readonly pollIntervalMs?: number;
  /** The schedule config's accounts; default read from POWER_CONFIG, only when a target names an account. */
  readonly loadAccounts?: (env: Environment) => Promise<readonly CloudAccount[]>;
  /** Options imposed last, over the event and the environment (the CLI's --dry-run). */
  readonly overrides?: Partial<PowerOptions>;
  /** Told of each invocation parsed (a tick's groups one by one): the alerts read the group and trigger from it. */
  readonly onInvocation?: (invocation: Invocation) => void;
  /** The platform's workers: a fire over more partitions than one invocation carries fans out to them (fan-out.ts). */
  readonly workers?: Workers;
  /** Seams of the alerts sent after the run (src/runtime/notify-run.ts). */
  readonly notify?: NotifyDeps;
}
