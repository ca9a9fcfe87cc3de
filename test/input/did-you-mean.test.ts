import { describe, expect, it } from "vitest";
import { z } from "zod";
import { closestKey, editDistance, knownKeysAt } from "../../src/input/did-you-mean.ts";
import { optionsSchema } from "../../src/input/event-schemas.ts";
import { groupSchema } from "../../src/schedule/group-schema.ts";

const GROUP_KEYS = Object.keys(groupSchema.shape);

describe("Function: editDistance", () => {
  it.each([
    ["start", "start", 0],
    ["strat", "start", 1],
    ["regoin", "region", 1],
    ["dryrun", "dryRun", 1],
    ["stp", "stop", 1],
    ["colour", "calendar", 5],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("Function: closestKey", () => {
  it.each([
    { typo: "strat", known: GROUP_KEYS, meant: "start" },
    { typo: "regoin", known: GROUP_KEYS, meant: "region" },
    { typo: "timeZone", known: GROUP_KEYS, meant: "timezone" },
    { typo: "instanceIDs", known: GROUP_KEYS, meant: "instanceIds" },
    { typo: "dryrun", known: knownKeysAt(optionsSchema, []), meant: "dryRun" },
    { typo: "colour", known: GROUP_KEYS, meant: undefined },
    { typo: "tz", known: ["to", "on"], meant: undefined },
  ])("suggests $meant for $typo", ({ typo, known, meant }) => {
    expect(closestKey(typo, known)).toBe(meant);
  });
});

describe("Function: knownKeysAt", () => {
  const schema = z.strictObject({
    groups: z.array(groupSchema).min(1),
    channels: z
      .array(
        z.discriminatedUnion("type", [
          z.strictObject({ type: z.literal("a"), url: z.string() }),
          z.strictObject({ type: z.literal("b"), topicArn: z.string() }),
        ]),
      )
      .default([]),
    calendars: z.record(z.string(), z.strictObject({ holidays: z.array(z.string()) })).optional(),
  });

  it.each([
    { path: [], keys: ["groups", "channels", "calendars"] },
    { path: ["groups", 4], keys: GROUP_KEYS },
    { path: ["groups", 0, "options"], keys: knownKeysAt(optionsSchema, []) },
    { path: ["channels", 1], keys: ["type", "url", "topicArn"] },
    { path: ["calendars", "cn"], keys: ["holidays"] },
    { path: ["nowhere"], keys: [] },
  ])("knows the keys at $path", ({ path, keys }) => {
    expect(knownKeysAt(schema, path)).toEqual(keys);
  });
});
