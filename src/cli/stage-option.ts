import { InvalidInputError } from "../errors.ts";
import { stageProblems } from "../platforms/index.ts";

/** `--stage NAME`, by the rule both deploys apply (src/deploy/deploy-check.ts): refused the same way, as bad input. */
export function stageOption(stage: string): string {
  const problems = stageProblems(stage);
  if (problems.length > 0) throw new InvalidInputError(problems.join("; "), problems);
  return stage;
}
