/**
 * The CLI's words for the clouds and the platforms, from the registries' light entries (no SDK, no deploy):
 * `powercron --help` shows them without loading a command's module, and each command describes itself with them.
 */
import { platformWords } from "../platforms/catalog.ts";
import { allDescriptors } from "../providers/catalog.ts";

/** `a`, `a and b`, `a, b and c`. */
export function andList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** `Start and stop Tencent CVM and AWS EC2 instances on a schedule`. */
export function programDescription(): string {
  const clouds = allDescriptors().map((descriptor) => `${descriptor.label} ${descriptor.service}`);
  return `Start and stop ${andList(clouds)} instances on a schedule`;
}

/** `powercron local-cloud`'s summary: the emulator of every cloud's compute service. */
export function localCloudSummary(): string {
  const services = allDescriptors().map((descriptor) => descriptor.service);
  return `serve the local ${services.join(" + ")} emulator (the endpoint for --local-cloud, tests and benchmarks)`;
}

/** `powercron triggers`' summary: every platform's triggers. */
export function triggersSummary(): string {
  return `print the ${platformWords()
    .map((platform) => platform.triggersNoun)
    .join(" and ")} of the schedule config`;
}

/** `powercron deploy`'s summary, naming the command that deploys each platform powercron does not deploy itself. */
export function deploySummary(): string {
  const elsewhere = platformWords().flatMap(({ title, deployCommand }) =>
    deployCommand === undefined ? [] : [`${title}: \`${deployCommand}\``],
  );
  return `deploy the functions and their triggers${elsewhere.length > 0 ? ` (${elsewhere.join("; ")})` : ""}`;
}
