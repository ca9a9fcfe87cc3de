/**
 * When a run's alert settings need the schedule config: only when its text may hold a `notify` key (or the
 * environment names a channel). A config without one is not read (YAML, zod, cron tables) for the alerts.
 */
import { describe, expect, it } from "vitest";
import { mayHaveNotifyKey } from "../../src/runtime/notify-run.ts";

describe("Function: mayHaveNotifyKey", () => {
  it.each([
    { text: "groups: []\nnotify:\n  channels: []\n", may: true },
    { text: "groups: []\n  notify: {on: [failure]}\n", may: true },
    { text: '"notify": {}\n', may: true },
    { text: "{groups: [], notify: {channels: []}}", may: true },
    { text: "groups: [{name: a}]\n# notify:\n#   channels: []\n", may: false },
    { text: "groups: [{name: notifying-team}]\n", may: false },
    { text: "", may: false },
  ])("$text.length characters → $may", ({ text, may }) => {
    expect(mayHaveNotifyKey(text)).toBe(may);
  });
});
