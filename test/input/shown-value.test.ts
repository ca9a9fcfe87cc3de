import { describe, expect, it } from "vitest";
import { lastField, shownValue } from "../../src/input/shown-value.ts";

describe("Function: shownValue", () => {
  it.each([
    { value: "ap-shanghai", field: "region", shown: '"ap-shanghai"' },
    { value: ["ins-1", "ins-2"], field: "instanceIds", shown: '["ins-1","ins-2"]' },
    { value: 42, field: undefined, shown: "42" },
    { value: "SEC0123456789", field: "secret", shown: '"[redacted]"' },
    { value: "t0k3n-abcdef", field: "sessionToken", shown: '"[redacted]"' },
    { value: "hunter2-long", field: "password", shown: '"[redacted]"' },
    { value: "k-0123456789", field: "apiKey", shown: '"[redacted]"' },
    { value: "k-0123456789", field: "key", shown: '"[redacted]"' },
    { value: ["a-0123456789"], field: "tokens", shown: '"[redacted]"' },
    {
      value: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6",
      field: "url",
      shown: '"https://qyapi.weixin.qq.com/…"',
    },
    {
      value: "https://open.larksuite.com/open-apis/bot/v2/hook/abcd1234",
      field: "url",
      shown: '"https://open.larksuite.com/…"',
    },
    { value: "https://example.com", field: "url", shown: '"https://example.com"' },
    {
      value: { type: "lark", url: "https://x/hook/abcd", secret: "SEC0123456789" },
      field: undefined,
      shown: "{type, url, secret}",
    },
    { value: [{ secret: "SEC0123456789" }], field: "channels", shown: "[{secret}]" },
    { value: "arn:aws:iam::111122223333:role/X", field: "roleArn", shown: '"arn:aws:iam::111122223333:role/X"' },
  ])("shows $shown for $field", ({ value, field, shown }) => {
    expect(shownValue(value, field)).toBe(shown);
  });
});

describe("Function: lastField", () => {
  it.each([
    ["notify.channels[0].secret", "secret"],
    ["secret", "secret"],
    ["instanceIds[3]", undefined],
    ['tags["cost center"]', undefined],
  ])("%s → %s", (path, field) => {
    expect(lastField(path)).toBe(field);
  });
});
