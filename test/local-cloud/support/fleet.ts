import type { FleetInput } from "../../../src/local-cloud/index.ts";

/** A small fleet with one instance per situation the tests need. IDs say what the instance is. */
export const TEST_FLEET: FleetInput = {
  instances: [
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-run00001",
      name: "web-1",
      zone: "ap-guangzhou-3",
      state: "RUNNING",
      tags: { env: "prod", team: "web" },
    },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-run00002",
      zone: "ap-guangzhou-4",
      state: "RUNNING",
      tags: { env: "dev" },
    },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-stp00001",
      zone: "ap-guangzhou-3",
      state: "STOPPED",
      tags: { env: "dev", team: "data" },
    },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-stp00002", state: "STOPPED" },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-prepaid1",
      state: "RUNNING",
      chargeType: "PREPAID",
      tags: { env: "prod" },
    },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-localdsk",
      state: "RUNNING",
      systemDiskType: "LOCAL_SSD",
    },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-pending1", state: "PENDING", stuck: true },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-stopping", state: "STOPPING", stuck: true },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-expired1",
      state: "RUNNING",
      restrictState: "EXPIRED",
    },
    { provider: "tencent", region: "ap-shanghai", instanceId: "ins-sh000001", state: "RUNNING", tags: { env: "prod" } },
    {
      provider: "aws",
      region: "us-east-1",
      instanceId: "i-0000000a",
      state: "running",
      tags: { env: "prod", team: "web" },
    },
    { provider: "aws", region: "us-east-1", instanceId: "i-0000000b", state: "stopped", tags: { env: "dev" } },
    {
      provider: "aws",
      region: "us-east-1",
      instanceId: "i-0000000c",
      state: "running",
      hibernationConfigured: true,
      tags: { env: "prod" },
    },
    { provider: "aws", region: "us-east-1", instanceId: "i-0000000d", state: "stopping", stuck: true },
    { provider: "aws", region: "us-east-1", instanceId: "i-0000000e", state: "pending", stuck: true },
    { provider: "aws", region: "us-east-1", instanceId: "i-0000000f", state: "terminated" },
    { provider: "aws", region: "us-east-1", instanceId: "i-00000011", state: "stopped", kmsGrantMissing: true },
    { provider: "aws", region: "eu-west-1", instanceId: "i-00000020", state: "running", tags: { env: "prod" } },
  ],
};

/** No rate limit at all: for tests about something else that make many calls at once. */
export const NO_RATE_LIMITS = {
  StartInstances: { perSecond: Number.POSITIVE_INFINITY },
  StopInstances: { perSecond: Number.POSITIVE_INFINITY },
  DescribeInstances: { perSecond: Number.POSITIVE_INFINITY },
  DescribeInstancesStatus: { perSecond: Number.POSITIVE_INFINITY },
};
