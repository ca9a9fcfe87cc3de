import { describe, expect, it } from "vitest";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { renderGroupHeader } from "../../src/schedule/render-plan.ts";

const CONFIG = parseScheduleConfig(
  `
accounts:
  - {name: team-a, provider: aws, roleArn: "arn:aws:iam::222222222222:role/PowercronSpoke"}
groups:
  - {name: spoke, provider: aws, account: team-a, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: own, provider: aws, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
  "plan.yaml",
);

describe("plan names the account", () => {
  it.each([
    ["spoke", "spoke  aws us-east-1 account team-a  UTC  stop "],
    ["own", "own  aws us-east-1  UTC  stop "],
  ])("group %s", (name, start) => {
    const group = CONFIG.groups.find((candidate) => candidate.name === name);
    if (!group) throw new Error(name);
    expect(renderGroupHeader(group).startsWith(start)).toBe(true);
  });
});
