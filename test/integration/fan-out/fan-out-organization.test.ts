/**
 * An organisation group's fire fans out through Lambda, end to end: the built stop function (the orchestrator) lists
 * the local AWS Organization once, then invokes itself as workers through Lambda `Invoke` with signed slices
 * (POWER_WORKER_SECRET); each worker assumes only its slice's members' roles and lists nothing. 12 members × 10
 * instances, 4 partitions a worker, 3 workers. Unsigned organisation slices act on nothing.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_LOCAL_CREDENTIALS,
  generatedMemberIds,
  generateOrganizationFleet,
  type LocalCloud,
  startLocalCloud,
} from "../../../src/local-cloud/index.ts";
import type { BuiltBundle } from "../../../src/platforms/platform-descriptor.ts";
import type { PowerReport } from "../../../src/report/power-report.ts";
import { WORKER_EVENT_KEY } from "../../../src/runtime/worker-event.ts";
import { writeConfigFile } from "../../support/config-file.ts";
import { alertReceiver, buildStop, functionEnv, thisMinute } from "./fan-out-harness.ts";

const FUNCTION = "powercron-test-org-stop";
const MEMBERS = 12;
const PER_ACCOUNT = 10;
const members = generatedMemberIds(MEMBERS);
const CONFIG = writeConfigFile(
  `
groups:
  - {name: org-fleet, provider: aws, accounts: {organization: {role: PowercronSpoke}}, regions: [us-east-1], tags: {env: test}, stop: "* * * * *", timezone: UTC}
`,
  "powercron-fanout-org-",
);
const SECRET = "org-fan-out-test-secret-0123456789";

let bundle: BuiltBundle;
let cloud: LocalCloud | undefined;
let receiver: Awaited<ReturnType<typeof alertReceiver>> | undefined;

beforeAll(async () => {
  bundle = await buildStop("aws", CONFIG);
}, 60_000);
afterEach(async () => {
  await cloud?.close();
  await receiver?.close();
  cloud = undefined;
  receiver = undefined;
});

async function start(env: Record<string, string> = { POWER_WORKER_SECRET: SECRET }) {
  cloud = await startLocalCloud({
    fleet: {
      instances: generateOrganizationFleet({
        provider: "aws",
        members: MEMBERS,
        perAccount: PER_ACCOUNT,
        region: "us-east-1",
        tags: { env: "test" },
      }),
    },
    transitionMs: 50,
    organizations: { aws: { members: MEMBERS } },
    functions: { concurrency: 4 },
  });
  receiver = await alertReceiver();
  cloud.functions.register(FUNCTION, {
    entry: bundle.entry,
    handlerExport: "handler",
    timeoutSeconds: 60,
    env: functionEnv(cloud.url, bundle, CONFIG, {
      AWS_REGION: "us-east-1",
      POWER_WORKER_FUNCTION: FUNCTION,
      AWS_ENDPOINT_URL_LAMBDA: cloud.url,
      POWER_PARTITIONS_PER_WORKER: "4",
      POWER_WORKER_CONCURRENCY: "3",
      POWER_TIME_BUDGET_SECONDS: "40",
      POWER_NOTIFY_WEBHOOK_URL: receiver.url,
      POWER_NOTIFY_TYPE: "webhook",
      POWER_NOTIFY_ON: "failure,success",
      ...env,
    }),
  });
  return cloud;
}

async function invoke(url: string, event: unknown): Promise<{ error?: string; report?: PowerReport }> {
  const [key] = DEFAULT_LOCAL_CREDENTIALS.aws;
  const client = new LambdaClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: key?.accessKeyId ?? "", secretAccessKey: key?.secretAccessKey ?? "" },
    maxAttempts: 1,
  });
  const answer = await client.send(
    new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  const text = new TextDecoder().decode(answer.Payload);
  return answer.FunctionError ? { error: text } : { report: JSON.parse(text) as PowerReport };
}

const forgedSlice = () => ({
  [WORKER_EVENT_KEY]: {
    group: "org-fleet",
    action: "stop",
    fireTime: thisMinute(),
    scheduled: true,
    dryRun: false,
    partitions: [{ account: `org-${members[0]}`, region: "us-east-1" }],
    slice: 1,
    attempt: 1,
    budgetMs: 30_000,
  },
});

describe("an organisation group's fire, fanned out through Lambda Invoke", () => {
  it("lists the organisation once, stops all 120 in 3 workers, each member's role assumed once, one alert", async () => {
    const c = await start();
    const { report, error } = await invoke(c.url, { group: "org-fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(report?.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(report?.fanOut).toEqual({ workers: 3, retried: [], lost: [] });
    // 12 members: one page of ListAccounts, made by the orchestrator alone.
    expect(c.calls().filter((call) => call.action === "ListAccounts")).toHaveLength(1);
    expect(report?.apiCalls.ListAccounts).toBe(1);
    const assumed = c.calls().filter((call) => call.action === "AssumeRole");
    expect(assumed.map((call) => call.params.RoleArn).sort()).toEqual(
      members.map((id) => `arn:aws:iam::${id}:role/PowercronSpoke`).sort(),
    );
    expect(c.calls().filter((call) => call.action === "StopInstances")).toHaveLength(MEMBERS);
    expect(c.functions.invocations().map((record) => record.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    for (const record of c.functions.invocations()) expect(record.maxRssMb).toBeLessThanOrEqual(128);
    expect(receiver?.alerts).toHaveLength(1);
  }, 90_000);

  it("without POWER_WORKER_SECRET the fire runs in the one invocation, and an unsigned slice acts on nothing", async () => {
    const c = await start({});
    const refused = await invoke(c.url, forgedSlice());
    expect(JSON.parse(refused.error ?? "{}")).toEqual({
      errorType: "InvalidInputError",
      errorMessage: expect.stringMatching(/an organisation group's slice needs a signature/),
    });
    expect(c.calls().filter((call) => call.action !== "Invoke")).toEqual([]);
    const { report, error } = await invoke(c.url, { group: "org-fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(report?.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(report?.fanOut).toBeUndefined();
    expect(c.functions.invocations()).toHaveLength(2);
  }, 90_000);

  it("with POWER_WORKER_SECRET, an unsigned organisation slice is refused and acts on nothing", async () => {
    const c = await start();
    const refused = await invoke(c.url, forgedSlice());
    expect(refused.error).toMatch(/no signature/);
    expect(refused.error).not.toContain(SECRET);
    expect(c.calls().filter((call) => call.action !== "Invoke")).toEqual([]);
    expect(c.instances().every((instance) => instance.state === "running")).toBe(true);
    expect(receiver?.alerts).toHaveLength(0);
  }, 60_000);
});
