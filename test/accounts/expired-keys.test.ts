import { describe, expect, it } from "vitest";
import { CloudApiError } from "../../src/errors.ts";
import { isExpiredKeys } from "../../src/providers/accounts/expired-keys.ts";
import { Bound, RoleCredentials, type TemporaryCredentials } from "../../src/providers/accounts/role-credentials.ts";

describe("Function: isExpiredKeys", () => {
  it.each([
    { code: "RequestExpired", message: "Request has expired.", expired: true },
    { code: "ExpiredToken", message: "The security token included in the request is expired", expired: true },
    { code: "ExpiredTokenException", message: "The security token included in the request is expired", expired: true },
    { code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", expired: false },
    { code: "AuthFailure", message: "The provided token has expired", expired: true },
    { code: "AuthFailure.TokenFailure", message: "The token has expired", expired: true },
    { code: "AuthFailure.SignatureExpire", message: "Signature expired", expired: true },
    { code: "AuthFailure.SecretIdNotFound", message: "The SecretId is not found", expired: false },
    { code: "UnauthorizedOperation", message: "You are not authorized", expired: false },
    { code: "AccessDenied", message: "not authorized to perform sts:AssumeRole", expired: false },
  ])("$code ($message) is expired keys: $expired", ({ code, message, expired }) => {
    expect(isExpiredKeys(new CloudApiError(code, message, { action: "DescribeInstances" }))).toBe(expired);
  });
});

describe("RoleCredentials.renew", () => {
  const keys = (n: number): TemporaryCredentials => ({ keyId: `K${n}`, secret: "s", token: "t", expiresAt: 3_600_000 });

  it("assumes the role again for keys refused before their stated expiry, once for every caller that held them", async () => {
    let issued = 0;
    const role = new RoleCredentials(
      async () => keys(++issued),
      new Bound(8),
      () => 0,
    );
    const refused = await role.get();
    const renewed = await Promise.all([role.renew(refused), role.renew(refused), role.renew(refused)]);
    expect(renewed.map((k) => k.keyId)).toEqual(["K2", "K2", "K2"]);
    // A caller still holding the old keys gets the new ones without another AssumeRole.
    expect((await role.renew(refused)).keyId).toBe("K2");
    expect((await role.get()).keyId).toBe("K2");
    expect(role.calls).toBe(2);
  });

  it("keeps a refusal: renewing after the role was refused throws the STS error again", async () => {
    const refusal = new CloudApiError("AccessDenied", "no", { action: "AssumeRole" });
    const role = new RoleCredentials(
      () => Promise.reject(refusal),
      new Bound(8),
      () => 0,
    );
    await expect(role.get()).rejects.toBe(refusal);
    await expect(role.renew(keys(1))).rejects.toBe(refusal);
    expect(role.calls).toBe(1);
  });
});
