import { describe, expect, it } from "vitest";
import { ALERT_LOCALES, PROVIDERS, type ProviderName } from "../../src/domain/index.ts";
import { InvalidInputError } from "../../src/errors.ts";
import {
  allDescriptors,
  allSettings,
  connectorOf,
  descriptorOf,
  type IdInference,
  idsCanBeMistaken,
  inferAmong,
  inferProviderOfId,
  type ProviderDescriptor,
  platformOf,
  providerNamed,
  providerOfIdOrThrow,
  providersHostedOn,
  unknownProviderReason,
} from "../../src/providers/index.ts";

/** A cloud whose IDs start with `i-` as AWS's do (a stand-in, under an existing name): then neither is inferred. */
const LOOKALIKE = {
  ...descriptorOf("aws"),
  name: "tencent",
  instanceId: { ...descriptorOf("aws").instanceId, pattern: /^i-[a-z0-9]{20}$/, example: "i-bp67acfmxazb4ph3rz1t" },
} as ProviderDescriptor;

describe("Module: the provider registry", () => {
  it.each([...PROVIDERS])("has a complete descriptor for %s", async (name) => {
    const descriptor = descriptorOf(name);
    expect(descriptor.name).toBe(name);
    expect(descriptor.label).not.toBe("");
    expect(descriptor.instanceId.pattern.test(descriptor.instanceId.example)).toBe(true);
    expect(descriptor.instanceId.example.startsWith(descriptor.instanceId.prefix)).toBe(true);
    expect(descriptor.region.pattern.test(descriptor.region.example)).toBe(true);
    for (const region of descriptor.region.examples.split(", "))
      expect(descriptor.region.pattern.test(region)).toBe(true);
    expect(descriptor.settings.regions.length).toBeGreaterThan(0);
    expect(descriptor.settings.credentials.every((setting) => setting.kind === "credential")).toBe(true);
    expect(descriptor.settings.endpoints.every((setting) => setting.kind === "endpoint")).toBe(true);
    expect(ALERT_LOCALES).toContain(descriptor.alertLocale);
    // Where connectors.ts loads it from (by convention) and the bundles' static table imports it from.
    expect(descriptor.connector.file).toBe(`src/providers/${name}/${name}-connector.ts`);
    const connector = await connectorOf(name);
    expect(connector.constructor.name).toBe(descriptor.connector.exportName);
    expect(typeof connector.compute).toBe("function");
    expect(typeof connector.assumeRole).toBe("function");
    expect(
      Object.keys(descriptor.localCloudEnv("http://127.0.0.1:9", { keyId: "id", secret: "s" })).length,
    ).toBeGreaterThan(0);
    expect(
      descriptor.permissions.compute({ managementTag: { key: "k", value: "v" }, regions: [], diskKeys: [] }).length,
    ).toBeGreaterThan(0);
    expect(descriptor.permissions.assumeRoles([])).toEqual([]);
  });

  it("names each variable once, across the core settings and every cloud's", () => {
    const names = allSettings().map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each<{ provider: ProviderName; arn: string; accountId: string | undefined; roleName: string | undefined }>([
    {
      provider: "aws",
      arn: "arn:aws:iam::123456789012:role/ops/PowercronSpoke",
      accountId: "123456789012",
      roleName: "PowercronSpoke",
    },
    { provider: "aws", arn: "arn:aws-cn:iam::123456789012:role/Spoke", accountId: "123456789012", roleName: "Spoke" },
    { provider: "aws", arn: "qcs::cam::uin/100000000001:roleName/Spoke", accountId: undefined, roleName: undefined },
    {
      provider: "tencent",
      arn: "qcs::cam::uin/100000000001:roleName/Spoke",
      accountId: "100000000001",
      roleName: "Spoke",
    },
    { provider: "tencent", arn: "arn:aws:iam::123456789012:role/Spoke", accountId: undefined, roleName: undefined },
  ])("reads $provider role ARN $arn", ({ provider, arn, accountId, roleName }) => {
    const format = descriptorOf(provider).roleArn;
    expect(format.accountIdOf(arn)).toBe(accountId);
    expect(format.roleNameOf(arn)).toBe(roleName);
  });

  it.each<{ provider: ProviderName; platform: string }>([
    { provider: "tencent", platform: "scf" },
    { provider: "aws", platform: "aws" },
  ])("hosts $provider on $platform by default (the one mapping)", ({ provider, platform }) => {
    expect(platformOf(provider)).toBe(platform);
    expect(providersHostedOn(platformOf(provider))).toContain(provider);
  });

  it.each<{ word: string; provider: ProviderName | undefined }>([
    { word: "tencent", provider: "tencent" },
    { word: "aws", provider: "aws" },
    { word: "AWS", provider: undefined },
    { word: "azure", provider: undefined },
  ])("names provider $word → $provider", ({ word, provider }) => {
    expect(providerNamed(word)).toBe(provider);
  });
});

describe("Function: ID inference", () => {
  it.each<{ id: string; inference: IdInference }>([
    { id: "ins-kqf9os9x", inference: { kind: "known", provider: "tencent" } },
    { id: "i-0abc12345678def90", inference: { kind: "ambiguous", providers: ["aws", "alibaba"] } },
    { id: "i-12345678", inference: { kind: "known", provider: "aws" } },
    { id: "i-bp67acfmxazb4ph3rz1t", inference: { kind: "known", provider: "alibaba" } },
    { id: "i-0abc", inference: { kind: "ambiguous", providers: ["aws", "alibaba"] } },
    { id: "vm-12345678", inference: { kind: "unknown" } },
    { id: "", inference: { kind: "unknown" } },
  ])("infers $id with today's clouds → $inference.kind", ({ id, inference }) => {
    expect(inferProviderOfId(id)).toEqual(inference);
  });

  it("knows that AWS's and Alibaba's IDs share a prefix, and Tencent's none", () => {
    expect(PROVIDERS.filter((name) => idsCanBeMistaken(name))).toEqual(["aws", "alibaba"]);
  });

  it.each<{ id: string; inference: IdInference }>([
    { id: "vm-12345678", inference: { kind: "unknown" } },
    { id: "i-0abc12345678def90", inference: { kind: "known", provider: "aws" } },
    { id: "i-bp67acfmxazb4ph3rz1t", inference: { kind: "known", provider: "tencent" } },
    { id: "i-0abc", inference: { kind: "ambiguous", providers: ["aws", "tencent"] } },
  ])(
    "infers only an ID exactly one cloud's grammar accepts when another cloud's IDs share a prefix: $id → $inference.kind",
    ({ id, inference }) => {
      expect(inferAmong([descriptorOf("aws"), LOOKALIKE], id)).toEqual(inference);
    },
  );

  it("says why an ambiguous ID tells no provider, naming the clouds it could belong to", () => {
    expect(unknownProviderReason({ kind: "ambiguous", providers: ["aws", "tencent"] })).toBe(
      "could be an AWS instance ID or a Tencent instance ID: name the provider (aws or tencent)",
    );
  });

  it("refuses an ID that tells no provider with an input error naming the field and the value", () => {
    expect(() => providerOfIdOrThrow("targets[0].instanceIds[2]", "vm-1")).toThrow(InvalidInputError);
    expect(() => providerOfIdOrThrow("targets[0].instanceIds[2]", "vm-1")).toThrow(
      'targets[0].instanceIds[2]: "vm-1" is neither a Tencent (ins-...) nor an AWS (i-...) nor an Alibaba Cloud (i-...) instance ID',
    );
    expect(providerOfIdOrThrow("instanceIds[0]", "ins-kqf9os9x")).toBe("tencent");
  });

  it("lists every descriptor in the order of PROVIDERS", () => {
    expect(allDescriptors().map((descriptor) => descriptor.name)).toEqual([...PROVIDERS]);
  });
});
