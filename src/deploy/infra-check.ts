/**
 * Whether the committed infra/ files are what `npm run infra` would write from the config being deployed. The
 * policies there are installed by hand (the SCF execution role, the deployer, the spokes), so one that is out of
 * date means the role in the cloud is probably out of date too: a new group's region that the role may not act in
 * fails at its first fire. Pure over a file reader: the deploy asks before it builds or calls anything.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type Platform, platformOf } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import { defaultConfigFile, REPO_ROOT } from "./bundle.ts";
import { infraFiles } from "./infra-files.ts";

/** A file's text, or undefined when it does not exist. */
export type ReadText = (path: string) => Promise<string | undefined>;

const readRepoFile: ReadText = (path) => readFile(path, "utf8").catch(() => undefined);

/** A committed file that is not what the config gives, and how it differs. */
export interface StaleFile {
  /** `infra/tencent/scf-execution-policy.json`. */
  readonly file: string;
  /** Values the config gives that the committed file lacks (a new region's resource), or "the whole file". */
  readonly lacks: readonly string[];
  /** Values the committed file still holds that the config no longer gives. */
  readonly extra: readonly string[];
}

export interface StaleInfra {
  /** Under infra/ of the cloud the platform's functions reach: the deploy refuses while one is stale. */
  readonly own: readonly StaleFile[];
  /** The other clouds' files: a warning. */
  readonly others: readonly StaleFile[];
}

/** Every string and number in a document, for a short account of how two differ. */
function leaves(document: unknown, into = new Set<string>()): Set<string> {
  if (typeof document === "string" || typeof document === "number") into.add(String(document));
  else if (Array.isArray(document)) for (const item of document) leaves(item, into);
  else if (document && typeof document === "object") for (const value of Object.values(document)) leaves(value, into);
  return into;
}

/** How a committed file differs from what the config gives; undefined when it says the same. */
function difference(file: string, text: string | undefined, document: object): StaleFile | undefined {
  let committed: unknown;
  try {
    committed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return { file, lacks: ["valid JSON"], extra: [] };
  }
  if (committed === undefined) return { file, lacks: ["the whole file (it does not exist)"], extra: [] };
  // `npm run infra` formats with biome: compare what the files say, not their layout.
  if (JSON.stringify(committed) === JSON.stringify(document)) return undefined;
  const want = leaves(document);
  const have = leaves(committed);
  return { file, lacks: [...want].filter((value) => !have.has(value)), extra: [...have].filter((v) => !want.has(v)) };
}

/** The infra/ files whose committed text is not what `npm run infra` would write from this config now. */
export async function staleInfraFiles(
  config: ScheduleConfig,
  platform: Platform,
  options: { root?: string; read?: ReadText } = {},
): Promise<StaleInfra> {
  const root = options.root ?? REPO_ROOT;
  const read = options.read ?? readRepoFile;
  const cloud = platformOf(platform).provider;
  const own: StaleFile[] = [];
  const others: StaleFile[] = [];
  for (const [file, document] of Object.entries(infraFiles(config))) {
    const stale = difference(`infra/${file}`, await read(join(root, "infra", file)), document);
    if (stale) (file.startsWith(`${cloud}/`) ? own : others).push(stale);
  }
  return { own, others };
}

/** A path as a person in the repository would type it: relative inside it, absolute outside. */
function shown(path: string): string {
  const inside = relative(REPO_ROOT, resolve(path));
  return inside === "" || inside.startsWith("..") || isAbsolute(inside) ? resolve(path) : inside;
}

/** `npm run infra`, with POWER_CONFIG when the deploy's config is not the one `npm run infra` reads by default. */
export function infraCommand(configFile: string): string {
  return resolve(configFile) === defaultConfigFile()
    ? "npm run infra"
    : `POWER_CONFIG=${shown(configFile)} npm run infra`;
}

const SHOWN_VALUES = 3;

function someOf(values: readonly string[]): string {
  const shown = values.slice(0, SHOWN_VALUES).map((value) => JSON.stringify(value));
  return values.length > SHOWN_VALUES
    ? `${shown.join(", ")} and ${values.length - SHOWN_VALUES} more`
    : shown.join(", ");
}

/** The problem lines of the stale files, each naming the file, how it differs and the command that rewrites it. */
export function staleInfraProblems(files: readonly StaleFile[], configFile: string): string[] {
  const command = infraCommand(configFile);
  return files.map(({ file, lacks, extra }) => {
    const how = [
      ...(lacks.length > 0 ? [`lacks ${someOf(lacks)}`] : []),
      ...(extra.length > 0 ? [`still has ${someOf(extra)}`] : []),
    ];
    return (
      `${file} is out of date with ${shown(configFile)}${how.length > 0 ? `: it ${how.join(" and ")}` : ""}; ` +
      `run \`${command}\`, commit it and update the policy installed from it (README, Deploying)`
    );
  });
}
