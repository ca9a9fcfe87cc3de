import { describe, expect, it } from "vitest";
import { KEEP_RUNNING_TAG, readKeepRunningUntil } from "../../src/domain/keep-running-tag.ts";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("Function: readKeepRunningUntil", () => {
  it("names the tag with a key valid on both clouds", () => {
    expect(KEEP_RUNNING_TAG).toBe("powercron:keep-running-until");
  });

  it.each([
    { value: undefined, kind: "none" },
    { value: "", kind: "none" },
    { value: "  ", kind: "none" },
    { value: "2026-11-27T20:00:00+08:00", kind: "keep", until: "2026-11-27T12:00:00.000Z" },
    { value: "2026-11-23T12:00:01Z", kind: "keep", until: "2026-11-23T12:00:01.000Z" },
    { value: "2026-11-23T20:30-05:00", kind: "keep", until: "2026-11-24T01:30:00.000Z" },
    { value: "2026-11-23T12:00:00Z", kind: "expired", until: "2026-11-23T12:00:00.000Z" },
    { value: "2026-11-20T09:00:00+08:00", kind: "expired", until: "2026-11-20T01:00:00.000Z" },
    { value: "2026-11-27T20:00:00", kind: "unreadable" },
    { value: "2026-11-27", kind: "unreadable" },
    { value: "friday", kind: "unreadable" },
    { value: "2026-02-30T10:00:00Z", kind: "unreadable" },
    { value: "2026-11-27T25:00:00Z", kind: "unreadable" },
  ])("reads $value as $kind", ({ value, kind, until }) => {
    const result = readKeepRunningUntil(value, NOW);
    expect(result.kind).toBe(kind);
    if (result.kind === "keep" || result.kind === "expired") expect(result.until.toISOString()).toBe(until);
    if (result.kind === "unreadable") expect(result.value).toBe(value);
  });
});
