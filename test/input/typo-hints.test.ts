import { describe, expect, it } from "vitest";
import { invalidInput, TENCENT_ID } from "./parse-helpers.ts";

const SHANGHAI = { region: "ap-shanghai", instanceIds: [TENCENT_ID] };

describe("Function: parseInvocation, an unknown key in an event", () => {
  it.each([
    {
      event: { ...SHANGHAI, options: { dryrun: true } },
      issue: 'options.dryrun: unknown key (value true); did you mean "dryRun"?',
    },
    { event: { ...SHANGHAI, options: { stoptype: "SOFT" } }, issue: '; did you mean "stopType"?' },
    {
      event: { ...SHANGHAI, regoin: "ap-shanghai" },
      issue: 'regoin: unknown key (value "ap-shanghai"); did you mean "region"?',
    },
    {
      event: { targets: [{ regoin: "ap-shanghai", instanceIds: [TENCENT_ID] }] },
      issue: 'targets[0].regoin: unknown key (value "ap-shanghai"); did you mean "region"?',
    },
    { event: { group: "office", optoins: {} }, issue: 'optoins: unknown key (value {}); did you mean "options"?' },
    {
      event: { Type: "Timer", TriggerName: "t", Time: "2019-02-21T11:49:00Z", Message: '{"group":"g","option":{}}' },
      issue: 'Message.option: unknown key (value {}); did you mean "options"?',
    },
  ])("suggests the key meant: $issue", ({ event, issue }) => {
    expect(invalidInput(event).issues).toEqual([expect.stringContaining(issue)]);
  });

  it("suggests nothing when no known key is close", () => {
    expect(invalidInput({ ...SHANGHAI, colour: "blue" }).issues).toEqual(['colour: unknown key (value "blue")']);
  });
});
