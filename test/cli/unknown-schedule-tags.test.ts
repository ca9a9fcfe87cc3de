import { describe, expect, it } from "vitest";
import { renderUnknownScheduleTags, tagScanPlaces, unknownScheduleTags } from "../../src/cli/schedule-tag-scan.ts";
import type { InstanceView } from "../../src/domain/index.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { scheduleNames } from "../../src/schedule/schedule-section.ts";

const view = (instanceId: string, tags: Record<string, string>): InstanceView => ({
  instanceId,
  state: "running",
  cloudState: "running",
  tags,
});

const CONFIG = parseScheduleConfig(
  `accounts:
  - { name: dev, provider: aws, roleArn: "arn:aws:iam::222222222222:role/PowercronSpoke" }
groups:
  - { name: web, provider: aws, regions: [us-east-1, eu-west-1], tags: { env: test }, timezone: UTC, stop: "0 19 * * *" }
schedules:
  - { name: office-hours, provider: aws, region: eu-west-1, timezone: Europe/Berlin, start: "0 8 * * 1-5", stop: "0 19 * * 1-5" }
  - { name: nights, provider: aws, region: eu-west-1, account: dev, timezone: UTC, stop: "0 22 * * *" }
`,
  "test.yaml",
);

describe("Function: scheduleNames", () => {
  it("names the config's schedules only, not its groups", () => {
    expect(scheduleNames(CONFIG)).toEqual(["office-hours", "nights"]);
  });
});

describe("Function: tagScanPlaces", () => {
  it("gives each cloud, region and account the groups reach once", () => {
    expect(tagScanPlaces(CONFIG.groups)).toEqual([
      { provider: "aws", region: "us-east-1" },
      { provider: "aws", region: "eu-west-1" },
      { provider: "aws", region: "eu-west-1", account: "dev" },
    ]);
  });
});

describe("Function: unknownScheduleTags", () => {
  const place = { provider: "aws", region: "eu-west-1" } as const;
  const known = scheduleNames(CONFIG);

  it.each([
    { case: "a close misspelling", value: "ofice-hours", didYouMean: "office-hours" },
    { case: "another case", value: "Office-Hours", didYouMean: "office-hours" },
    { case: "nothing close", value: "weekend-batch", didYouMean: undefined },
    { case: "an empty value", value: "", didYouMean: undefined },
  ])("reports $case, with the closest name when one is close", ({ value, didYouMean }) => {
    const [found, ...more] = unknownScheduleTags(place, [view("i-1", { "powercron:schedule": value })], known);
    expect(more).toEqual([]);
    expect(found).toEqual({ instanceId: "i-1", ...place, value, ...(didYouMean ? { didYouMean } : {}) });
  });

  it("leaves out instances whose tag names a schedule, and those without the tag", () => {
    const views = [view("i-1", { "powercron:schedule": "nights" }), view("i-2", { env: "office-hours" })];
    expect(unknownScheduleTags(place, views, known)).toEqual([]);
  });
});

describe("Function: renderUnknownScheduleTags", () => {
  it("prints nothing when there is nothing to report", () => {
    expect(renderUnknownScheduleTags([], ["office-hours"])).toEqual([]);
  });

  it("prints a heading naming the schedules, then one line per instance with where it is", () => {
    const lines = renderUnknownScheduleTags(
      [
        { instanceId: "i-1", provider: "aws", region: "eu-west-1", value: "ofice-hours", didYouMean: "office-hours" },
        { instanceId: "i-2", provider: "aws", region: "eu-west-1", account: "dev", value: "batch" },
      ],
      ["office-hours", "nights"],
    );
    expect(lines).toEqual([
      "powercron:schedule naming no schedule (schedules: office-hours, nights); these instances follow no schedule through it:",
      '  i-1 (aws eu-west-1): "ofice-hours" names no schedule; did you mean "office-hours"?',
      '  i-2 (aws eu-west-1 account dev): "batch" names no schedule',
    ]);
  });
});
