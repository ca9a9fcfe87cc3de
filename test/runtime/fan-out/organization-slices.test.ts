/**
 * A slice of a group whose accounts come from its organisation: the worker cannot check a found account against its
 * config, so it acts only on a slice signed with POWER_WORKER_SECRET, and builds the slice's member accounts (the
 * source's spoke role) without listing the organisation.
 */
import { describe, expect, it } from "vitest";
import { sliceMemberAccounts } from "../../../src/runtime/organization-fire.ts";
import { readWorkerEvent, type UnsignedSlice, workerEvent } from "../../../src/runtime/worker-event.ts";
import { verifyWorkerSlice } from "../../../src/runtime/worker-verification.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";

const CONFIG = parseScheduleConfig(
  `
groups:
  - {name: org-fleet, provider: aws, accounts: {organization: {role: PowercronSpoke, exclude: ['999999999999']}}, regions: [us-east-1], tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
  "org-fan-out.yaml",
);
const FIRE = "2026-12-02T19:00:00.000Z";
const NOW = Date.parse(FIRE) + 30_000;
const SECRET = "a-deploy-time-secret-0123456789";

const slice = (overrides: Partial<UnsignedSlice> = {}): UnsignedSlice => ({
  group: "org-fleet",
  action: "stop",
  fireTime: FIRE,
  scheduled: true,
  dryRun: false,
  partitions: [
    { account: "org-222222222222", region: "us-east-1" },
    { account: "org-333333333333", region: "us-east-1" },
  ],
  slice: 1,
  attempt: 1,
  budgetMs: 60_000,
  ...overrides,
});

function received(unsigned: UnsignedSlice, signedWith?: string) {
  const read = readWorkerEvent(JSON.parse(JSON.stringify(workerEvent(unsigned, signedWith))));
  if (read?.slice === undefined) throw new Error(`not a worker event: ${read?.problem}`);
  return read.slice;
}

const check = (secret?: string) => ({ nowMs: NOW, maxAgeMs: 15 * 60_000, secret });

describe("Function: verifyWorkerSlice, for a group whose accounts come from its organisation", () => {
  it("accepts a signed slice of found members in the group's regions", () => {
    const verdict = verifyWorkerSlice(received(slice(), SECRET), "stop", CONFIG, check(SECRET));
    expect("group" in verdict && verdict.group.name).toBe("org-fleet");
  });

  it.each([
    { name: "an unsigned slice", given: received(slice()), secret: SECRET, refused: /no signature/ },
    {
      name: "a slice signed with another secret",
      given: received(slice(), "someone-elses-secret-0123456789"),
      secret: SECRET,
      refused: /a bad signature/,
    },
    {
      name: "a forged partition added to a signed slice",
      given: {
        ...received(slice(), SECRET),
        partitions: [...slice().partitions, { account: "org-444444444444", region: "us-east-1" }],
      },
      secret: SECRET,
      refused: /a bad signature/,
    },
  ])("refuses $name", ({ given, secret, refused }) => {
    const verdict = verifyWorkerSlice(given, "stop", CONFIG, check(secret));
    expect(verdict).toHaveProperty("refused");
    expect("refused" in verdict && verdict.refused).toMatch(refused);
  });
});

const GROUP = {
  name: "org-fleet",
  provider: "aws",
  regions: ["us-east-1", "us-west-2"],
  source: { role: "Spoke", externalId: "x-1", exclude: ["999999999999"] },
} as const;

describe("Function: sliceMemberAccounts", () => {
  it("builds each named member's account once, with the source's spoke role and external ID", () => {
    const partitions = [
      { account: "org-222222222222", region: "us-east-1" },
      { account: "org-222222222222", region: "us-west-2" },
      { account: "org-333333333333", region: "us-east-1" },
    ];
    expect(sliceMemberAccounts(GROUP, partitions, true)).toEqual({
      accounts: [
        {
          name: "org-222222222222",
          provider: "aws",
          roleArn: "arn:aws:iam::222222222222:role/Spoke",
          externalId: "x-1",
        },
        {
          name: "org-333333333333",
          provider: "aws",
          roleArn: "arn:aws:iam::333333333333:role/Spoke",
          externalId: "x-1",
        },
      ],
    });
  });

  it("names Tencent members' roles in CAM's form", () => {
    const group = {
      name: "org-tc",
      provider: "tencent",
      regions: ["ap-guangzhou"],
      source: { role: "Spoke" },
    } as const;
    expect(sliceMemberAccounts(group, [{ account: "org-100001", region: "ap-guangzhou" }], true)).toEqual({
      accounts: [{ name: "org-100001", provider: "tencent", roleArn: "qcs::cam::uin/100001:roleName/Spoke" }],
    });
  });

  it.each([
    {
      name: "a config-style account",
      partition: { account: "team-a", region: "us-east-1" },
      label: "team-a/us-east-1",
    },
    { name: "the function's own account", partition: { region: "us-east-1" }, label: "us-east-1" },
    {
      name: "an excluded member",
      partition: { account: "org-999999999999", region: "us-east-1" },
      label: "org-999999999999/us-east-1",
    },
    {
      name: "a region outside the group",
      partition: { account: "org-222222222222", region: "eu-west-1" },
      label: "org-222222222222/eu-west-1",
    },
  ])("refuses a slice naming $name: no account built", ({ partition, label }) => {
    const given = [{ account: "org-222222222222", region: "us-east-1" }, partition];
    expect(sliceMemberAccounts(GROUP, given, true)).toEqual({ refused: `partition ${label} not of group "org-fleet"` });
  });

  it("refuses a slice the deploy could not have checked the signature of (no POWER_WORKER_SECRET)", () => {
    expect(sliceMemberAccounts(GROUP, [{ account: "org-222222222222", region: "us-east-1" }], false)).toEqual({
      refused: "an organisation group's slice needs a signature (POWER_WORKER_SECRET)",
    });
  });
});
