/**
 * The event an orchestrator sends a worker: one slice of a group's fire (its (account, region) partitions), the
 * fire's time, and a signature over all of it when the deploy set POWER_WORKER_SECRET. Read with zod before anything
 * else; the secret never leaves this file's HMAC.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** The key a worker event is known by: no other event form has it. */
export const WORKER_EVENT_KEY = "powercronWorker";

/** The most partitions one worker event may carry (a bound on its size: ≤ 256 KB whatever the names). */
export const MAX_WORKER_PARTITIONS = 1000;

const partitionSchema = z.strictObject({
  account: z.string().min(1).max(60).optional(),
  region: z.string().min(1).max(40),
});

/** One (account, region) of a group: the unit a fire is sliced in. `account` absent = the function's own. */
export type Partition = z.infer<typeof partitionSchema>;

const workerSliceSchema = z.strictObject({
  group: z.string().min(1).max(64),
  action: z.enum(["start", "stop"]),
  /** The fire's time (ISO 8601): the scheduled time of a timer's fire, else when the orchestrator began. */
  fireTime: z.iso.datetime({ offset: true }),
  /** Whether fireTime is a schedule's (the worker checks the group is due then) or only the orchestrator's clock. */
  scheduled: z.boolean(),
  dryRun: z.boolean(),
  partitions: z.array(partitionSchema).min(1).max(MAX_WORKER_PARTITIONS),
  /** The slice's number among the fire's (1-based) and the attempt (2 = the retry). */
  slice: z.int().min(1),
  attempt: z.int().min(1).max(2),
  /** How long the worker may run, ms: the orchestrator waits this long (plus a margin) for its report. */
  budgetMs: z.int().min(1000).max(900_000),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export type WorkerSlice = z.infer<typeof workerSliceSchema>;
export type UnsignedSlice = Omit<WorkerSlice, "signature">;

export interface WorkerEvent {
  readonly [WORKER_EVENT_KEY]: WorkerSlice;
}

/** The slice in `event` when it is a worker event (its key present), else undefined; throws on a malformed one. */
export function readWorkerEvent(event: unknown): { slice?: WorkerSlice; problem?: string } | undefined {
  if (typeof event !== "object" || event === null || !(WORKER_EVENT_KEY in event)) return undefined;
  const parsed = z.strictObject({ [WORKER_EVENT_KEY]: workerSliceSchema }).safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`);
    return { problem: `malformed worker event: ${issues.join("; ")}` };
  }
  return { slice: parsed.data[WORKER_EVENT_KEY] };
}

/** What is signed: every field but the attempt (a retry carries the same signature) and the signature itself. */
function signedText(slice: UnsignedSlice): string {
  const { group, action, fireTime, scheduled, dryRun, budgetMs } = slice;
  // Partitions as text: the same whatever order their keys were written or parsed in.
  const partitions = slice.partitions.map((p) => `${p.account ?? ""}@${p.region}`);
  return JSON.stringify([
    "powercron-worker-v1",
    group,
    action,
    fireTime,
    scheduled,
    dryRun,
    slice.slice,
    budgetMs,
    partitions,
  ]);
}

export function signSlice(slice: UnsignedSlice, secret: string): string {
  return createHmac("sha256", secret).update(signedText(slice)).digest("hex");
}

/** True when `slice` carries the signature `secret` gives it (compared in constant time). */
export function signatureHolds(slice: WorkerSlice, secret: string): boolean {
  if (slice.signature === undefined) return false;
  const expected = Buffer.from(signSlice(slice, secret), "hex");
  const given = Buffer.from(slice.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The event for one slice, signed when a secret is given. */
export function workerEvent(slice: UnsignedSlice, secret: string | undefined): WorkerEvent {
  return { [WORKER_EVENT_KEY]: { ...slice, ...(secret ? { signature: signSlice(slice, secret) } : {}) } };
}
