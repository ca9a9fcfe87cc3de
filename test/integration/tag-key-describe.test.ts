/**
 * The describe by tag KEY (any value) each cloud's adapter makes for `powercron status`, through the real SDKs against
 * the local cloud: EC2 and CVM filter `tag-key`, ECS `Tag.1.Key` without a value. Every page is read; an instance
 * without the key is left out whatever its other tags.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { SCHEDULE_TAG } from "../../src/domain/index.ts";
import type { ProviderName } from "../../src/domain/types.ts";
import { systemClock } from "../../src/engine/index.ts";
import { type FleetInput, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { cloudProviders } from "../../src/providers/provider-factory.ts";
import { describeTagKeyRegion } from "../../src/runtime/index.ts";
import { CLIENTS, ecsProvider } from "./alibaba-harness.ts";
import { awsId, tencentId } from "./support/local-cloud-run.ts";

const REGION: Record<ProviderName, string> = { aws: "us-east-1", tencent: "ap-shanghai", alibaba: "cn-hangzhou" };
const alibabaId = (prefix: string, index: number) => `i-bp1${prefix}${index.toString(36).padStart(15, "z")}`;
const idOf = (provider: ProviderName, prefix: string, index: number) =>
  provider === "aws"
    ? awsId(prefix, index)
    : provider === "tencent"
      ? tencentId(prefix, index)
      : alibabaId(prefix, index);
const RUNNING: Record<ProviderName, string> = { aws: "running", tencent: "RUNNING", alibaba: "Running" };
const CLOUDS = ["aws", "tencent", "alibaba"] as const;
/** The adapters' describe page sizes (ec2-provider.ts, tencent-cvm-provider.ts, alibaba-facts.ts). */
const PAGE: Record<ProviderName, number> = { aws: 1000, tencent: 100, alibaba: 100 };
/** More than one describe page of CVM and ECS. */
const TAGGED = 230;

const fleet: FleetInput["instances"] = CLOUDS.flatMap((provider) => [
  ...Array.from({ length: TAGGED }, (_, i) => ({
    provider,
    region: REGION[provider],
    instanceId: idOf(provider, "a", i),
    state: RUNNING[provider],
    tags: { [SCHEDULE_TAG]: i % 2 === 0 ? "office-hours" : `team-${i}` },
  })),
  ...Array.from({ length: 5 }, (_, i) => ({
    provider,
    region: REGION[provider],
    instanceId: idOf(provider, "b", i),
    state: RUNNING[provider],
    tags: { env: "office-hours", "powercron:schedules": "x" },
  })),
]) as FleetInput["instances"];

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ fleet: { instances: fleet } });
});
afterAll(async () => {
  await cloud.close();
});

describe("describe by tag key, on every cloud", () => {
  it.each(CLOUDS)("%s: every instance with the key, whatever its value, and no other", async (provider) => {
    cloud.resetCalls();
    const adapter = await cloudProviders(localCloudEnv(cloud.url))(provider, REGION[provider]);
    const views = await describeTagKeyRegion(adapter, SCHEDULE_TAG, systemClock);
    expect(views.map((view) => view.instanceId).sort()).toEqual(
      Array.from({ length: TAGGED }, (_, i) => idOf(provider, "a", i)).sort(),
    );
    expect(views.find((view) => view.instanceId === idOf(provider, "a", 1))?.tags[SCHEDULE_TAG]).toBe("team-1");
    // Every page answered once (a page the describe rate throttled is sent again: not counted here).
    const answered = cloud.calls().filter((call) => call.action === "DescribeInstances" && call.result === "ok");
    expect(answered).toHaveLength(Math.ceil(TAGGED / PAGE[provider]));
    expect(cloud.calls().every((call) => call.action === "DescribeInstances")).toBe(true);
  });

  it.each(CLIENTS)("alibaba through the %s client: Tag.1.Key alone, the same instances", async (kind) => {
    const views = await describeTagKeyRegion(
      ecsProvider(cloud, REGION.alibaba, undefined, kind),
      SCHEDULE_TAG,
      systemClock,
    );
    expect(views).toHaveLength(TAGGED);
  });
});
