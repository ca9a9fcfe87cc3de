import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "../../../src/domain/index.ts";
import { CloudApiError, TRANSPORT_CODES } from "../../../src/errors.ts";
import { EcsBatchRefusalError } from "../../../src/providers/alibaba/ecs-batch-results.ts";
import type { DescribeQuery, EcsClient, PowerQuery, TagQuery } from "../../../src/providers/alibaba/ecs-client.ts";
import { EcsProvider } from "../../../src/providers/alibaba/ecs-provider.ts";

/** A fake EcsClient: records the queries, answers what the test gives. */
function fake(answers: { describe?: unknown[]; power?: unknown; hang?: boolean }) {
  const queries: (DescribeQuery | PowerQuery | TagQuery)[] = [];
  const pages = [...(answers.describe ?? [])];
  const client: EcsClient = {
    describeInstances: async (query) => {
      queries.push(query);
      return pages.shift();
    },
    startInstances: async (query) => {
      queries.push(query);
      return answers.power;
    },
    stopInstances: async (query) => {
      queries.push(query);
      if (answers.hang) return new Promise(() => {});
      return answers.power;
    },
    tagResources: async (query) => {
      queries.push(query);
      return { RequestId: "tag-1" };
    },
    untagResources: async (query) => {
      queries.push(query);
      return { RequestId: "untag-1" };
    },
  };
  const provider = new EcsProvider(
    { region: "cn-hangzhou", credential: () => ({ accessKeyId: "a", accessKeySecret: "b" }), requestTimeoutMs: 1000 },
    client,
  );
  return { provider, queries };
}

const instance = (InstanceId: string, Status = "Running", extra: Record<string, unknown> = {}) => ({
  InstanceId,
  Status,
  Tags: { Tag: [{ TagKey: "env", TagValue: "test" }] },
  ...extra,
});

describe("Class: EcsProvider", () => {
  it("reads views from DescribeInstances: state, tags, billing facts, a security lock", async () => {
    const { provider } = fake({
      describe: [
        {
          Instances: {
            Instance: [
              instance("i-bp1aaaaaaaaaaaaaaaa", "Stopped", {
                InstanceChargeType: "PrePaid",
                StoppedMode: "KeepCharging",
              }),
              instance("i-bp1bbbbbbbbbbbbbbbb", "Stopped", {
                OperationLocks: { LockReason: [{ LockReason: "security" }] },
              }),
            ],
          },
        },
      ],
    });
    const [first, second] = await provider.describeByIds(["i-bp1aaaaaaaaaaaaaaaa", "i-bp1bbbbbbbbbbbbbbbb"]);
    expect(first).toEqual({
      instanceId: "i-bp1aaaaaaaaaaaaaaaa",
      state: "stopped",
      cloudState: "Stopped",
      tags: { env: "test" },
      ecs: { chargeType: "PrePaid", stoppedMode: "KeepCharging" },
    });
    expect(second?.restricted).toBe("LockedForSecurity");
  });

  it("follows NextToken within a describe by IDs, and passes a tag page's NextToken on as the cursor", async () => {
    const { provider, queries } = fake({
      describe: [
        { Instances: { Instance: [instance("i-bp1aaaaaaaaaaaaaaaa")] }, NextToken: "t2" },
        { Instances: { Instance: [instance("i-bp1bbbbbbbbbbbbbbbb")] }, NextToken: "" },
        { Instances: { Instance: [] }, NextToken: "t9" },
      ],
    });
    expect((await provider.describeByIds(["i-bp1aaaaaaaaaaaaaaaa", "i-bp1bbbbbbbbbbbbbbbb"])).length).toBe(2);
    expect(queries[1]).toMatchObject({
      nextToken: "t2",
      instanceIds: '["i-bp1aaaaaaaaaaaaaaaa","i-bp1bbbbbbbbbbbbbbbb"]',
    });
    expect(await provider.describeByTags({ env: "test" }, undefined)).toEqual({ instances: [], nextCursor: "t9" });
    expect(queries[2]).toMatchObject({ tag: [{ key: "env", value: "test" }], maxResults: 100 });
  });

  it("stops with SuccessFirst and the mapped options, answering each accepted instance's CurrentStatus", async () => {
    const { provider, queries } = fake({
      power: {
        RequestId: "R",
        InstanceResponses: {
          InstanceResponse: [{ InstanceId: "i-bp1aaaaaaaaaaaaaaaa", Code: "200", CurrentStatus: "Stopping" }],
        },
      },
    });
    const answer = await provider.stop(["i-bp1aaaaaaaaaaaaaaaa"], {
      ...DEFAULT_OPTIONS,
      releaseComputeWhileStopped: true,
      shutdown: "forced",
    });
    // ECS's CurrentStatus in the domain's words (the report's `after`), as EC2's answer gives them.
    expect(answer).toEqual({ currentStates: new Map([["i-bp1aaaaaaaaaaaaaaaa", "stopping"]]), requestId: "R" });
    expect(queries[0]).toEqual({
      regionId: "cn-hangzhou",
      instanceId: ["i-bp1aaaaaaaaaaaaaaaa"],
      batchOptimization: "SuccessFirst",
      stoppedMode: "StopCharging",
      forceStop: true,
    });
  });

  it("answers a per-instance refusal in `refused` while others were accepted", async () => {
    const { provider } = fake({
      power: {
        InstanceResponses: {
          InstanceResponse: [
            { InstanceId: "i-bp1aaaaaaaaaaaaaaaa", Code: "200", CurrentStatus: "Starting" },
            { InstanceId: "i-bp1bbbbbbbbbbbbbbbb", Code: "OperationDenied.NoStock", Message: "sold out" },
          ],
        },
      },
    });
    const response = await provider.start(["i-bp1aaaaaaaaaaaaaaaa", "i-bp1bbbbbbbbbbbbbbbb"], DEFAULT_OPTIONS);
    expect(response.currentStates?.get("i-bp1aaaaaaaaaaaaaaaa")).toBe("starting");
    const refusal = response.refused?.get("i-bp1bbbbbbbbbbbbbbbb");
    expect(refusal?.code).toBe("OperationDenied.NoStock");
    expect(refusal && provider.classify(refusal)).toEqual({ kind: "capacity" });
  });

  it("turns an answer that is not ECS's JSON into a server fault (the call may have been applied)", async () => {
    const { provider } = fake({ power: { InstanceResponses: { InstanceResponse: "nonsense" } } });
    const error = (await provider
      .stop(["i-bp1aaaaaaaaaaaaaaaa"], DEFAULT_OPTIONS)
      .catch((thrown: unknown) => thrown)) as CloudApiError;
    expect(error.code).toBe(TRANSPORT_CODES.server);
    expect(provider.classify(error).kind).toBe("uncertain");
  });

  it("gives up at once when the engine aborts the call (no time left): a timeout, `uncertain`", async () => {
    const { provider } = fake({ hang: true });
    const controller = new AbortController();
    const pending = provider.stop(["i-bp1aaaaaaaaaaaaaaaa"], DEFAULT_OPTIONS, { signal: controller.signal });
    controller.abort();
    const error = (await pending.catch((thrown: unknown) => thrown)) as CloudApiError;
    expect(error.code).toBe(TRANSPORT_CODES.timeout);
    expect(provider.classify(error).kind).toBe("uncertain");
  });

  it("refuses more than 20 tags before any call", async () => {
    const { provider, queries } = fake({});
    const tags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]));
    await expect(provider.describeByTags(tags, undefined)).rejects.toThrow(/at most 20 tags/);
    expect(queries).toEqual([]);
  });
});
