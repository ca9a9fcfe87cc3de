/** Selecting EC2 instances by tag reads pages of 1,000 (MaxResults' maximum), through the real SDK and the local cloud. */
import { describe, expect, it } from "vitest";
import { awsId, fleetOf, harnessPerTest, MUTATING } from "../integration/support/local-cloud-run.ts";

const REGION = "us-east-1";
const start = harnessPerTest();

describe("AWS EC2 selection by tags", () => {
  it.each([
    { selected: 2_100, pages: [1000, 1000, 100] },
    { selected: 1_000, pages: [1000] },
    { selected: 7, pages: [7] },
  ])("reads $selected tagged instances in pages of 1,000 ($pages.length calls)", async ({ selected, pages }) => {
    const tagged = Array.from({ length: selected }, (_, i) => awsId("a", i));
    const others = Array.from({ length: 50 }, (_, i) => awsId("b", i));
    const h = await start([
      ...fleetOf("aws", REGION, tagged, { state: "stopped", tags: { env: "big" } }),
      ...fleetOf("aws", REGION, others, { tags: { env: "prod" } }),
    ]);
    const report = await h.run("stop", { provider: "aws", region: REGION, tags: { env: "big" } });
    expect(report.totals).toEqual({ instances: selected, "already-stopped": selected });
    const describes = h.calls((c) => c.action === "DescribeInstances" && c.result === "ok");
    expect(describes.map((c) => c.params.MaxResults)).toEqual(pages.map(() => "1000"));
    expect(describes.every((c) => c.instanceIds.length === 0)).toBe(true);
    expect(report.apiCalls).toEqual({ DescribeInstances: pages.length });
    expect(h.calls((c) => MUTATING.has(c.action))).toEqual([]);
  });
});
