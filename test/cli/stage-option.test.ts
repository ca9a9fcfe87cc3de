/** `--stage`: `triggers` takes exactly the stages both deploys take, and refuses the others as they do. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli-process.ts";

const RULE = "is not a stage name (a lower-case letter, then up to 15 lower-case letters, digits or -)";

describe("Option: --stage", () => {
  it.each(["Dev", "1prod", "prod_2", "a-very-long-stage-name"])(
    "refuses %s in triggers with the deploy's own message, exit 2",
    async (stage) => {
      const triggers = await runCli(["triggers", "--stage", stage]);
      expect(triggers.code).toBe(2);
      expect(triggers.stdout).toBe("");
      const problem = `stage: ${JSON.stringify(stage)} ${RULE}`;
      expect(triggers.stderr.trim()).toBe(`powercron: ${problem}`);
      const deploy = await runCli(["deploy", "scf", "--dry-run", "--stage", stage]);
      expect(deploy.code).toBe(2);
      expect(deploy.stderr).toContain(problem);
    },
  );

  it("accepts a stage the deploys accept", async () => {
    const result = await runCli(["triggers", "--stage", "dev-2", "--platform", "aws", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("powercron-dev-2-");
  });
});
