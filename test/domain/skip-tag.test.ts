import { describe, expect, it } from "vitest";
import { readSkip, skipNote, skipReason } from "../../src/domain/skip-tag.ts";

const NOW = new Date("2026-12-02T08:00:00Z");

describe("reading the powercron:skip tag", () => {
  it.each([
    { value: undefined, kind: "none" },
    { value: "", kind: "none" },
    { value: "false", kind: "none" },
    { value: " FALSE ", kind: "none" },
    { value: "true", kind: "skip", reason: "powercron:skip=true" },
    { value: "True", kind: "skip", reason: "powercron:skip=true" },
    { value: "2026-12-24T00:00:00+08:00", kind: "skip", reason: "powercron:skip until 2026-12-23T16:00:00.000Z" },
    { value: "2026-12-02T08:00:01Z", kind: "skip", reason: "powercron:skip until 2026-12-02T08:00:01.000Z" },
    { value: "2026-12-01T00:00:00Z", kind: "expired", note: /2026-12-01T00:00:00.000Z has passed; ignored/ },
    { value: "yes", kind: "unreadable", note: /"yes" is neither true, false nor an ISO 8601/ },
    { value: "2026-12-24T00:00:00", kind: "unreadable", note: /with offset; ignored/ },
    { value: "2026-02-30T00:00:00Z", kind: "unreadable", note: /"2026-02-30T00:00:00Z"/ },
  ])("$value → $kind", ({ value, kind, reason, note }) => {
    const skip = readSkip(value, NOW);
    expect(skip.kind).toBe(kind);
    if (skip.kind === "skip") expect(skipReason(skip)).toBe(reason);
    if (note) expect(skipNote(skip)).toMatch(note);
    else expect(skipNote(skip)).toBeUndefined();
  });
});
