import { describe, expect, it } from "vitest";
import { CloudApiError } from "../../src/errors.ts";
import { Bound, RoleCredentials, type TemporaryCredentials } from "../../src/providers/accounts/role-credentials.ts";
import { sessionName } from "../../src/providers/provider-factory.ts";

function keys(n: number, expiresAt: number): TemporaryCredentials {
  return { keyId: `K${n}`, secret: "s", token: "t", expiresAt };
}

describe("RoleCredentials", () => {
  it("assumes once for concurrent callers and reuses the keys until a quarter of their life is left", async () => {
    let now = 0;
    let issued = 0;
    const role = new RoleCredentials(
      async () => keys(++issued, now + 1000),
      new Bound(8),
      () => now,
    );
    const first = await Promise.all([role.get(), role.get(), role.get()]);
    expect(first.map((k) => k.keyId)).toEqual(["K1", "K1", "K1"]);
    now = 749;
    expect((await role.get()).keyId).toBe("K1");
    now = 750;
    expect((await role.get()).keyId).toBe("K2");
    expect(role.calls).toBe(2);
  });

  it("renews at most 5 minutes before expiry for long sessions", async () => {
    let now = 0;
    const role = new RoleCredentials(
      async () => keys(now, now + 3_600_000),
      new Bound(8),
      () => now,
    );
    await role.get();
    now = 3_600_000 - 300_001;
    expect((await role.get()).keyId).toBe("K0");
    now = 3_600_000 - 300_000;
    expect((await role.get()).keyId).toBe(`K${now}`);
  });

  it.each([
    ["AccessDenied", 1],
    ["ResourceNotFound.RoleNotExist", 1],
    ["Throttling", 3],
    ["NetworkError", 3],
  ])("a %s answer is tried %i time(s), then kept for the invocation", async (code, attempts) => {
    let calls = 0;
    const role = new RoleCredentials(
      async () => {
        calls++;
        throw new CloudApiError(code, "no", { action: "AssumeRole" });
      },
      new Bound(8),
      () => 0,
      async () => {},
    );
    await expect(role.get()).rejects.toMatchObject({ code });
    await expect(role.get()).rejects.toMatchObject({ code });
    expect(calls).toBe(attempts);
  });

  it("a Bound runs at most its limit at once", async () => {
    const bound = new Bound(8);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        bound.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(8);
  });

  it.each([
    ["team-a-nightly", "powercron-team-a-nightly"],
    ["a b/c", "powercron-a-b-c"],
    ["x".repeat(80), `powercron-${"x".repeat(54)}`],
  ])("session name of %s is %s", (subject, expected) => {
    expect(sessionName(subject)).toBe(expected);
  });
});
