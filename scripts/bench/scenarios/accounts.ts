/**
 * 5 accounts × 2,000 EC2 instances in one region (60% running), each account reached through its own role (the Lambda
 * bundle, assuming through the local STS). The bound: the accounts run in parallel with their own limits (the clouds'
 * limits are per account), so it is one AssumeRole round trip plus the slowest account's own bound: its describe
 * pages, its stop calls, then its stamps (EC2 CreateTags of up to 1,000 instances, 10/s, one at a time), which the
 * engine writes per account as soon as that account's targets end. The minimum calls: every account's pages (EC2 tag
 * pages of 1,000), stop batches and tagging calls, plus one AssumeRole each.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type Fleet, generateFleet } from "../../../src/local-cloud/index.ts";
import { isRunning, report, runFunction, withCloud } from "../harness.ts";
import { minimumCalls, type RegionLoad, regionLowerBoundMs } from "../lower-bound.ts";
import { LATENCY_MS, LIMITS, SELECTED, STAMP_LIMITS, TAG_PAGE_SIZE } from "./fleet-shape.ts";

const ACCOUNTS = 5;
const PER_ACCOUNT = 2000;
const REGION = "us-east-1";
const accountId = (k: number) => `2222222222${String(k).padStart(2, "0")}`;
const roleArn = (k: number) => `arn:aws:iam::${accountId(k)}:role/PowercronSpoke`;

export async function accountsRun(runner: string, dir: string) {
  console.log(
    `\n— many accounts: ${ACCOUNTS} AWS accounts × ${PER_ACCOUNT} EC2 instances in ${REGION}, assumed roles —`,
  );
  const generated = generateFleet({
    aws: { regions: [REGION], perRegion: ACCOUNTS * PER_ACCOUNT },
    seed: 41,
    tags: SELECTED,
    runningShare: 0.6,
  });
  const fleet: Fleet = {
    instances: generated.instances.map((instance, index) => ({
      ...instance,
      account: accountId(Math.floor(index / PER_ACCOUNT)),
    })),
  };
  const names = Array.from({ length: ACCOUNTS }, (_, k) => `team-${k}`);
  const config = [
    "accounts:",
    ...names.map((name, k) => `  - {name: ${name}, provider: aws, roleArn: "${roleArn(k)}", externalId: bench-${k}}`),
    "groups:",
    `  - {name: own, provider: aws, region: ${REGION}, tags: {env: bench}, stop: "0 19 * * *", timezone: UTC}`,
  ].join("\n");
  const configFile = path.join(dir, "accounts.yaml");
  await writeFile(configFile, config);
  const event = { targets: names.map((account) => ({ provider: "aws", region: REGION, account, tags: SELECTED })) };
  const roles = names.map((_, k) => ({ arn: roleArn(k), externalId: `bench-${k}` }));
  const result = await withCloud({ fleet, latencyMs: LATENCY_MS, sts: { roles } }, async (cloud) => {
    const output = await runFunction(runner, dir, cloud, event, { POWER_CONFIG: configFile });
    const calls = cloud.calls();
    const limits = { ...LIMITS, pageSize: TAG_PAGE_SIZE.aws };
    const perAccount: RegionLoad[] = Array.from({ length: ACCOUNTS }, (_, k) => {
      const mine = fleet.instances.filter((i) => i.account === accountId(k));
      return {
        region: `${REGION}@${accountId(k)}`,
        instances: mine.length,
        eligible: mine.filter(isRunning).length,
        stamps: STAMP_LIMITS.aws,
      };
    });
    const minimum =
      perAccount.reduce((sum, load) => {
        const { describe, action, stamp } = minimumCalls(load, limits);
        return sum + describe + action + stamp;
      }, 0) + ACCOUNTS;
    return {
      output,
      eligible: perAccount.reduce((sum, load) => sum + load.eligible, 0),
      calls: calls.length,
      answered: calls.filter((c) => c.result === "ok").length,
      assumeRoleCalls: calls.filter((c) => c.action === "AssumeRole").length,
      minimum,
      bound: LATENCY_MS + Math.max(...perAccount.map((load) => regionLowerBoundMs(load, limits))),
    };
  });
  const ratio = result.output.durationMs / result.bound;
  report(
    "stopped",
    String(result.output.totals.stopped ?? 0),
    String(result.eligible),
    result.output.totals.stopped === result.eligible,
  );
  report("wall time (ms)", result.output.durationMs.toFixed(0));
  report(
    "function CPU time (ms) / timer lateness p99 (ms)",
    `${result.output.cpuMs} / ${result.output.loopDelayP99Ms}`,
  );
  report(
    "lower bound: one AssumeRole round trip plus one account's pages, stops and stamps (ms)",
    result.bound.toFixed(0),
  );
  report("wall time / lower bound", ratio.toFixed(2), "≤ 1.3", ratio <= 1.3);
  report("AssumeRole calls", String(result.assumeRoleCalls), `= ${ACCOUNTS}`, result.assumeRoleCalls === ACCOUNTS);
  report(
    "API calls answered (AssumeRole and CreateTags included)",
    String(result.answered),
    `= minimum ${result.minimum}`,
    result.answered === result.minimum,
  );
  report("API calls sent (incl. throttled retries)", String(result.calls));
  report("peak RSS of the Lambda function (MB)", (result.output.maxRssBytes / 2 ** 20).toFixed(1), "≤ 256");
  return result;
}
