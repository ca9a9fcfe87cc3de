import { describe, expect, it } from "vitest";
import { readWorkerEvent, type UnsignedSlice, workerEvent } from "../../../src/runtime/worker-event.ts";
import { verifyWorkerSlice } from "../../../src/runtime/worker-verification.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";

const CONFIG = parseScheduleConfig(
  `
accounts:
  - {name: team-a, provider: aws, roleArn: "arn:aws:iam::222222222222:role/PowercronSpoke"}
  - {name: team-b, provider: aws, roleArn: "arn:aws:iam::333333333333:role/PowercronSpoke"}
  - {name: team-c, provider: aws, roleArn: "arn:aws:iam::444444444444:role/PowercronSpoke"}
groups:
  - {name: fleet, provider: aws, accounts: [team-a, team-b], regions: [us-east-1], tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: resting, provider: aws, enabled: false, accounts: [team-a], regions: [us-east-1], tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
  "fan-out.yaml",
);
const FIRE = "2026-12-02T19:00:00.000Z";
const NOW = Date.parse(FIRE) + 30_000;
const SECRET = "a-deploy-time-secret-0123456789";

const slice = (overrides: Partial<UnsignedSlice> = {}): UnsignedSlice => ({
  group: "fleet",
  action: "stop",
  fireTime: FIRE,
  scheduled: true,
  dryRun: false,
  partitions: [{ account: "team-a", region: "us-east-1" }],
  slice: 1,
  attempt: 1,
  budgetMs: 60_000,
  ...overrides,
});

/** The slice as the worker reads it off the wire, signed with `signedWith` (or not). */
function received(unsigned: UnsignedSlice, signedWith?: string) {
  const read = readWorkerEvent(JSON.parse(JSON.stringify(workerEvent(unsigned, signedWith))));
  if (read?.slice === undefined) throw new Error(`not a worker event: ${read?.problem}`);
  return read.slice;
}

const check = (secret?: string) => ({ nowMs: NOW, maxAgeMs: 15 * 60_000, secret });

describe("Function: verifyWorkerSlice", () => {
  it("accepts a slice of a due group's own partitions", () => {
    const verdict = verifyWorkerSlice(received(slice()), "stop", CONFIG, check());
    expect("group" in verdict && verdict.group.name).toBe("fleet");
  });

  it("accepts a signed slice when the deploy has a secret, an unscheduled one too", () => {
    const unscheduled = slice({ scheduled: false, fireTime: new Date(NOW - 1000).toISOString() });
    expect(verifyWorkerSlice(received(unscheduled, SECRET), "stop", CONFIG, check(SECRET))).toHaveProperty("group");
  });

  it.each([
    { name: "an unknown group", given: slice({ group: "someone-elses" }), refused: /group "someone-elses" is not in/ },
    { name: "a disabled group", given: slice({ group: "resting" }), refused: /disabled/ },
    {
      name: "a partition outside the group",
      given: slice({
        partitions: [
          { account: "team-a", region: "us-east-1" },
          { account: "team-c", region: "us-east-1" },
        ],
      }),
      refused: /partition team-c\/us-east-1 not of group "fleet"/,
    },
    {
      name: "another region of a member account",
      given: slice({ partitions: [{ account: "team-a", region: "eu-west-1" }] }),
      refused: /team-a\/eu-west-1 not of group/,
    },
    {
      name: "the function's own account, which the group does not name",
      given: slice({ partitions: [{ region: "us-east-1" }] }),
      refused: /partition us-east-1 not of group/,
    },
    { name: "a fire time that is not due", given: slice({ fireTime: "2026-12-02T13:00:00.000Z" }), refused: /not due/ },
    { name: "the other action", given: slice({ action: "start" }), refused: /a start slice sent to the stop function/ },
    {
      name: "an unscheduled slice without a deploy secret",
      given: slice({ scheduled: false }),
      refused: /needs a signature/,
    },
  ])("refuses $name", ({ given, refused }) => {
    const verdict = verifyWorkerSlice(received(given), "stop", CONFIG, check());
    expect(verdict).toEqual({ refused: expect.stringMatching(refused) });
  });

  it("refuses a fire time in the future (a forger's, since an orchestrator sends the past's)", () => {
    const early = { ...check(), nowMs: Date.parse(FIRE) - 5 * 60_000 };
    expect(verifyWorkerSlice(received(slice()), "stop", CONFIG, early)).toEqual({
      refused: expect.stringMatching(/is in the future/),
    });
  });

  it("refuses a stale fire (POWER_MAX_EVENT_AGE)", () => {
    const late = { ...check(), nowMs: Date.parse(FIRE) + 20 * 60_000 };
    expect(verifyWorkerSlice(received(slice()), "stop", CONFIG, late)).toEqual({
      refused: expect.stringMatching(/^stale: /),
    });
  });

  it.each([
    { name: "no signature", signedWith: undefined, refused: /no signature/ },
    { name: "a signature with another key", signedWith: "another-secret-0123456789", refused: /a bad signature/ },
  ])("with POWER_WORKER_SECRET set, refuses $name", ({ signedWith, refused }) => {
    const verdict = verifyWorkerSlice(received(slice(), signedWith), "stop", CONFIG, check(SECRET));
    expect(verdict).toEqual({ refused: expect.stringMatching(refused) });
  });

  it("accepts a signed slice whose partitions' keys come in another order (as zod writes them back)", () => {
    const signed = workerEvent(slice({ partitions: [{ region: "us-east-1", account: "team-a" }] }), SECRET);
    const read = readWorkerEvent(JSON.parse(JSON.stringify(signed)));
    expect(verifyWorkerSlice(read?.slice ?? signed.powercronWorker, "stop", CONFIG, check(SECRET))).toHaveProperty(
      "group",
    );
  });

  it("refuses a signed slice whose partitions were changed after signing", () => {
    const signed = received(slice(), SECRET);
    const tampered = { ...signed, partitions: [{ account: "team-b", region: "us-east-1" }] };
    expect(verifyWorkerSlice(tampered, "stop", CONFIG, check(SECRET))).toEqual({
      refused: expect.stringMatching(/a bad signature/),
    });
  });

  it("never puts the secret in a refusal", () => {
    const verdict = verifyWorkerSlice(received(slice(), "wrong-secret-0123456789"), "stop", CONFIG, check(SECRET));
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });
});

describe("Function: readWorkerEvent", () => {
  it("is undefined for any other event", () => {
    expect(readWorkerEvent({ group: "fleet" })).toBeUndefined();
  });

  it.each([
    { name: "no partitions", event: { powercronWorker: { ...slice(), partitions: [] } } },
    { name: "an unknown field", event: { powercronWorker: { ...slice(), force: true } } },
    { name: "a third attempt", event: { powercronWorker: { ...slice(), attempt: 3 } } },
  ])("names the problem of a malformed one: $name", ({ event }) => {
    expect(readWorkerEvent(event)).toEqual({
      problem: expect.stringMatching(/^malformed worker event: powercronWorker/),
    });
  });
});
