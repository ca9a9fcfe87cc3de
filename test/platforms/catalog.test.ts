import { describe, expect, it } from "vitest";
import { platformWords } from "../../src/platforms/catalog.ts";
import { allPlatforms } from "../../src/platforms/index.ts";

describe("Function: platformWords (the platforms in words, for `powercron --help`)", () => {
  it("names every platform, in the order of PLATFORMS", () => {
    expect(platformWords().map((words) => words.name)).toEqual(allPlatforms().map((platform) => platform.name));
  });

  it.each(allPlatforms().map((platform) => [platform.name, platform] as const))(
    "says of %s what its descriptor says: title, triggers, the command that deploys it",
    (name, platform) => {
      const words = platformWords().find((candidate) => candidate.name === name);
      expect(words?.title).toBe(platform.title);
      expect(words?.triggersNoun).toBe(platform.triggersNoun);
      expect(words?.deployCommand).toBe("command" in platform.deploy ? platform.deploy.command : undefined);
    },
  );
});
