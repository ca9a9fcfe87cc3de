import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "../../../src/domain/index.ts";
import { InvalidInputError, MissingCredentialsError } from "../../../src/errors.ts";
import { alibabaSessionName } from "../../../src/providers/alibaba/alibaba-assume-role.ts";
import {
  ALIBABA_INSTANCE_ID,
  ALIBABA_REGION,
  ALIBABA_SESSION_NAME,
  accountOfAlibabaRole,
  isUnambiguousAlibabaId,
  mayBeEc2InstanceId,
} from "../../../src/providers/alibaba/alibaba-facts.ts";
import { readAlibabaCredential } from "../../../src/providers/alibaba/alibaba-own-keys.ts";
import { alibabaCredential } from "../../../src/providers/alibaba/ecs-credentials.ts";
import {
  appliedStoppedModeNote,
  type EcsInstanceView,
  ecsOptionsFor,
} from "../../../src/providers/alibaba/ecs-stopped-mode.ts";

describe("Alibaba IDs, regions and role ARNs", () => {
  it.each([
    ["i-bp67acfmxazb4ph1xyz0", true, false],
    ["i-0123456789abcdef0", true, true],
    ["i-2zeabcdefghij12345", true, false],
    ["ins-abcdefgh", false, false],
    ["i-short", false, false],
  ])("%s: an ECS ID %s, mistakable for EC2's %s", (id, ecs, ec2) => {
    expect(ALIBABA_INSTANCE_ID.test(id)).toBe(ecs);
    expect(mayBeEc2InstanceId(id)).toBe(ec2);
    expect(isUnambiguousAlibabaId(id)).toBe(ecs && !ec2);
  });

  it.each(["cn-hangzhou", "cn-shanghai-finance-1", "ap-southeast-1", "eu-central-1"])("accepts region %s", (region) => {
    expect(ALIBABA_REGION.test(region)).toBe(true);
  });

  it("reads the account uid of acs:ram::<uid>:role/<name>, and nothing from another cloud's ARN", () => {
    expect(accountOfAlibabaRole("acs:ram::1234567890123456:role/powercron")).toBe("1234567890123456");
    expect(accountOfAlibabaRole("arn:aws:iam::123456789012:role/powercron")).toBeUndefined();
  });
});

describe("Function: readAlibabaCredential", () => {
  it("reads the three variables Alibaba's tools read", () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret",
      ALIBABA_CLOUD_SECURITY_TOKEN: "token",
    };
    expect(readAlibabaCredential(env)).toEqual({
      accessKeyId: "id",
      accessKeySecret: "secret",
      securityToken: "token",
    });
  });

  it("fails before any call with an error naming the variables", () => {
    expect(alibabaCredential({ ALIBABA_CLOUD_ACCESS_KEY_ID: "id" })).toBeUndefined();
    const error = (() => {
      try {
        return readAlibabaCredential({ ALIBABA_CLOUD_SECURITY_TOKEN: "token" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as MissingCredentialsError).variables).toEqual([
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    ]);
    expect((error as Error).message).toBe(
      "Alibaba Cloud credentials missing: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN with temporary keys); no cloud call was made",
    );
  });
});

describe("StopCharging eligibility", () => {
  const view = (ecs: EcsInstanceView["ecs"]): EcsInstanceView => ({
    instanceId: "i-bp1aaaaaaaaaaaaaaaa",
    state: "running",
    cloudState: "Running",
    tags: {},
    ecs,
  });
  const stopCharging = { ...DEFAULT_OPTIONS, releaseComputeWhileStopped: true as const };

  it.each([
    [{ chargeType: "PrePaid" }, "a subscription instance"],
    [{ networkType: "classic" }, "a classic-network instance"],
    [{ localStorageAmount: 2 }, "an instance with local disks"],
  ])("notes that %j stops with KeepCharging, in the same batch and options", (facts, reason) => {
    const fallback = ecsOptionsFor(
      view({ chargeType: "PostPaid", networkType: "vpc", ...facts }),
      "stop",
      stopCharging,
    );
    expect(fallback.options).toBe(stopCharging);
    expect(fallback.note).toContain(reason);
    expect(fallback.note).toContain("KeepCharging");
  });

  it("notes nothing for an eligible instance, a KeepCharging stop, or a start", () => {
    const eligible = view({ chargeType: "PostPaid", networkType: "vpc", localStorageAmount: 0 });
    expect(ecsOptionsFor(eligible, "stop", stopCharging).note).toBeUndefined();
    expect(ecsOptionsFor(view({ chargeType: "PrePaid" }), "stop", DEFAULT_OPTIONS).note).toBeUndefined();
    expect(ecsOptionsFor(view({ chargeType: "PrePaid" }), "start", stopCharging).note).toBeUndefined();
  });

  it("reads the applied mode back from a stopped instance's StoppedMode", () => {
    expect(
      appliedStoppedModeNote(view({ stoppedMode: "KeepCharging", chargeType: "PrePaid" }), stopCharging),
    ).toContain("subscription");
    expect(appliedStoppedModeNote(view({ stoppedMode: "StopCharging" }), stopCharging)).toBeUndefined();
  });
});

describe("Function: alibabaSessionName", () => {
  it.each([
    ["powercron-checkout", "powercron-checkout"],
    ["powercron-a+b=c,d", "powercron-a-b-c-d"],
    ["x", "x-"],
    [`powercron-${"g".repeat(80)}`, `powercron-${"g".repeat(54)}`],
  ])("turns %s into %s (letters, digits, . @ - _; 2 to 64)", (name, expected) => {
    expect(alibabaSessionName(name)).toBe(expected);
    expect(ALIBABA_SESSION_NAME.test(alibabaSessionName(name))).toBe(true);
  });
});
