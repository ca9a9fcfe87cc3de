/**
 * OrganizationDiscovery over a fake organisation (the provider's listing interface, no network): one listing per
 * invocation however many groups ask, every page followed, members kept as the source says, failures kept as
 * failures.
 */
import { describe, expect, it } from "vitest";
import type { OrganizationSource } from "../../src/domain/index.ts";
import { CloudApiError } from "../../src/errors.ts";
import type { OrganizationAccess, OrganizationMemberEntry } from "../../src/providers/index.ts";
import { membersOfSource, OrganizationDiscovery } from "../../src/runtime/organization-discovery.ts";
import { FakeClock } from "../support/fake-clock.ts";

const member = (id: string, extra: Partial<OrganizationMemberEntry> = {}): OrganizationMemberEntry => ({
  id,
  active: true,
  ...extra,
});

/** A fake listing: pages of `pageSize`, by unit when `byUnit`; `fail` throws that code on every page. */
function fakeAccess(
  members: readonly OrganizationMemberEntry[],
  options: { byUnit?: boolean; pageSize?: number; fail?: string } = {},
) {
  const pages: (string | undefined)[] = [];
  const access: OrganizationAccess = {
    lister: {
      listsByUnit: options.byUnit ?? false,
      callsPerSecond: 1000,
      actionName: (unit) => (unit === undefined ? "ListAll" : "ListUnit"),
      page: async () => ({ members: [] }),
      classify: (error) => (error.code === "Throttled" ? { kind: "throttle" } : { kind: "global" }),
    },
    async page(unit, cursor) {
      pages.push(unit);
      if (options.fail) throw new CloudApiError(options.fail, "refused", { action: "ListAll" });
      const inUnit = members.filter((m) => unit === undefined || m.unit === unit);
      const size = options.pageSize ?? 2;
      const from = Number(cursor ?? 0);
      const next = from + size < inUnit.length ? String(from + size) : undefined;
      return { members: inUnit.slice(from, from + size), ...(next ? { cursor: next } : {}) };
    },
    assumeCalls: () => 0,
  };
  return { access, pages };
}

function discoveryOver(access: OrganizationAccess) {
  const clock = new FakeClock(0);
  return new OrganizationDiscovery({
    env: {},
    clock,
    random: () => 0.5,
    remainingMs: () => 60_000,
    loadAccounts: async () => [],
    access: async () => access,
  });
}

const ROLE: OrganizationSource = { role: "Spoke" };

describe("OrganizationDiscovery", () => {
  it("follows every page and names each member's account and spoke role", async () => {
    const { access, pages } = fakeAccess(["200000000001", "200000000002", "200000000003"].map((id) => member(id)));
    const outcome = await discoveryOver(access).discover("aws", ROLE, "us-east-1");
    expect(outcome).toEqual({
      kind: "found",
      listed: 3,
      accounts: ["200000000001", "200000000002", "200000000003"].map((id) => ({
        name: `org-${id}`,
        provider: "aws",
        roleArn: `arn:aws:iam::${id}:role/Spoke`,
      })),
    });
    expect(pages).toHaveLength(2);
  });

  it("lists once per invocation however many groups use the same listing; exclude is applied after", async () => {
    const { access, pages } = fakeAccess([member("100000000002"), member("100000000003")]);
    const discovery = discoveryOver(access);
    const all = await discovery.discover("tencent", ROLE, "ap-guangzhou");
    const some = await discovery.discover("tencent", { ...ROLE, exclude: ["100000000002"] }, "ap-guangzhou");
    expect(pages).toHaveLength(1);
    expect(all.kind === "found" && all.accounts.map((a) => a.roleArn)).toEqual([
      "qcs::cam::uin/100000000002:roleName/Spoke",
      "qcs::cam::uin/100000000003:roleName/Spoke",
    ]);
    expect(some.kind === "found" && some.accounts.map((a) => a.name)).toEqual(["org-100000000003"]);
    expect(discovery.takeApiCalls()).toEqual({ ListAll: 1 });
    expect(discovery.takeApiCalls()).toEqual({});
  });

  it("lists each unit apart when the API lists by unit (ListAccountsForParent)", async () => {
    const { access, pages } = fakeAccess(
      [member("200000000001", { unit: "ou-a" }), member("200000000002", { unit: "ou-b" })],
      { byUnit: true },
    );
    const outcome = await discoveryOver(access).discover("aws", { ...ROLE, units: ["ou-b"] }, "us-east-1");
    expect(pages).toEqual(["ou-b"]);
    expect(outcome.kind === "found" && outcome.accounts.map((a) => a.name)).toEqual(["org-200000000002"]);
  });

  it("a failed listing is a failure with its code, never an empty list", async () => {
    const { access } = fakeAccess([member("200000000001")], { fail: "AccessDeniedException" });
    const outcome = await discoveryOver(access).discover("aws", ROLE, "us-east-1");
    expect(outcome.kind).toBe("failed");
    expect(outcome.kind === "failed" && outcome.error.code).toBe("AccessDeniedException");
  });
});

describe("membersOfSource", () => {
  const listed = [
    member("1", { unit: "10" }),
    member("2", { unit: "20" }),
    member("3", { unit: "10", active: false }),
    member("1", { unit: "10" }),
  ];
  it.each([
    { source: ROLE, apart: false, ids: ["1", "2"] },
    { source: { ...ROLE, units: ["10"] }, apart: false, ids: ["1"] },
    { source: { ...ROLE, units: ["10"] }, apart: true, ids: ["1", "2"] },
    { source: { ...ROLE, exclude: ["2"] }, apart: false, ids: ["1"] },
  ])("keeps active, unexcluded members once ($source, units listed apart: $apart)", ({ source, apart, ids }) => {
    expect(membersOfSource(listed, source, apart).map((m) => m.id)).toEqual(ids);
  });
});
