import { describe, expect, it } from "vitest";
import {
  andList,
  deploySummary,
  localCloudSummary,
  programDescription,
  triggersSummary,
} from "../../src/cli/cloud-words.ts";
import { allPlatforms } from "../../src/platforms/index.ts";
import { allDescriptors } from "../../src/providers/index.ts";

describe("Function: andList", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a and b"],
    [["a", "b", "c"], "a, b and c"],
  ])("joins %j as %j", (words, expected) => {
    expect(andList(words)).toBe(expected);
  });
});

describe("Function: the CLI's words for the clouds and platforms", () => {
  it("names every cloud's compute service in the program's description and the local cloud's summary", () => {
    for (const descriptor of allDescriptors()) {
      expect(programDescription()).toContain(`${descriptor.label} ${descriptor.service}`);
      expect(localCloudSummary()).toContain(descriptor.service);
    }
  });

  it("names every platform's triggers, and the command of each platform powercron does not deploy", () => {
    for (const platform of allPlatforms()) {
      expect(triggersSummary()).toContain(platform.triggersNoun);
      if ("command" in platform.deploy)
        expect(deploySummary()).toContain(`${platform.title}: \`${platform.deploy.command}\``);
      else expect(deploySummary()).not.toContain(platform.title);
    }
  });
});
