/**
 * A config account whose role is refused: the error a person reads (each row's message, the run's thrown error)
 * names the account by its config name and its AWS account ID or Tencent uin, not only the JSON rows' `account`.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { PowerRunFailedError } from "../../src/errors.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { writeConfigFile } from "../support/config-file.ts";
import { awsId, fleetOf, type Harness, startHarness, tencentId } from "./support/local-cloud-run.ts";

const C = "333333333333";
const D_UIN = "100000000004";
const ROLE_C = `arn:aws:iam::${C}:role/PowercronSpoke`;
const ROLE_D = `qcs::cam::uin/${D_UIN}:roleName/PowercronSpoke`;
const TEAM_C = [0, 1].map((i) => awsId("c", i));
const TEAM_D = [0, 1].map((i) => tencentId("d", i));

const CONFIG = `
accounts:
  - {name: team-c, provider: aws, roleArn: "${ROLE_C}", externalId: not-the-one}
  - {name: team-d, provider: tencent, roleArn: "${ROLE_D}", externalId: not-the-one}
groups:
  - {name: team-c-nightly, provider: aws, account: team-c, region: us-east-1, instanceIds: [${TEAM_C.join(", ")}], stop: "0 19 * * *", timezone: UTC}
  - {name: team-d-nightly, provider: tencent, account: team-d, region: ap-guangzhou, instanceIds: [${TEAM_D.join(", ")}], stop: "0 19 * * *", timezone: UTC}
`;

function configFile(): string {
  return writeConfigFile(CONFIG, "powercron-refusal-");
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("an account whose role is refused", () => {
  it.each([
    { group: "team-c-nightly", ids: TEAM_C, names: `account "team-c" (AWS account ${C})`, role: ROLE_C },
    { group: "team-d-nightly", ids: TEAM_D, names: `account "team-d" (Tencent Cloud uin ${D_UIN})`, role: ROLE_D },
  ])(
    "is named with its ID in every failed row and in the run's thrown error: $group",
    async ({ group, ids, names, role }) => {
      harness = await startHarness(
        {
          instances: [
            ...fleetOf("aws", "us-east-1", TEAM_C, { account: C }),
            ...fleetOf("tencent", "ap-guangzhou", TEAM_D, { account: D_UIN }),
          ],
        },
        {
          sts: {
            roles: [
              { arn: ROLE_C, externalId: "the-right-one" },
              { arn: ROLE_D, externalId: "the-right-one" },
            ],
          },
        },
      );
      const env = { POWER_CONFIG: configFile() };
      const report = await harness.run("stop", { group }, env);
      for (const row of report.instances) {
        expect(row.outcome).toBe("failed");
        expect(row.message).toContain(names);
        expect(row.message).toContain(role);
      }
      const handler = powerHandler("stop", () => ({ env: { ...localCloudEnv(harness?.cloud.url ?? ""), ...env } }));
      const thrown = await handler({ group }, undefined as never).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(PowerRunFailedError);
      expect((thrown as Error).message).toContain(names);
      expect((thrown as PowerRunFailedError).failures.map((failure) => failure.instanceId)).toEqual(ids);
    },
  );
});
