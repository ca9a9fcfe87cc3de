/**
 * What a platform (a serverless runtime the functions are deployed on) tells the rest of powercron: how its bundles
 * are laid out and loaded, the triggers the config turns into, and its deploy, if powercron deploys it itself. One
 * descriptor per platform folder (scf/, lambda/), listed in registry.ts. Types only: imports nothing back.
 */
import type { ProviderName } from "../domain/index.ts";
import type { PlatformEvents, WorkersOf } from "../runtime/index.ts";
import type { Platform, ScheduleConfig } from "../schedule/index.ts";
import type { FunctionName } from "./function-names.ts";

/**
 * A module the platform's bundle leaves out whatever the config (the SCF bundle's SNS publisher), replaced by a stub
 * whose constructor throws a clear error. Clouds are not listed here: a bundle carries the clouds its config names
 * (src/deploy/bundle-clouds.ts) and each cloud's descriptor names its connector module.
 */
export interface LeftOutModule {
  /** Repo-relative path of the module. */
  readonly file: string;
  /** The class it exports (the stub exports a class of that name). */
  readonly exportName: string;
  /** What it serves, for the stub's message: `AWS SNS`. */
  readonly serves: string;
}

export interface BundleSpec {
  /**
   * The file the platform loads: `index.js` on both, CommonJS with `exports.main_handler` on SCF, ESM with `handler`
   * on Lambda; a package.json beside it says which.
   */
  readonly entryFile: string;
  readonly format: "cjs" | "esm";
  /** esbuild target: the Node the platform runs. */
  readonly target: string;
  /** The function's entry module (repo-relative): exports the handler under `handlerExport` only. */
  readonly entry: (name: FunctionName) => string;
  readonly handlerExport: string;
  /** Where the code sits in the zip ("" = at the root). */
  readonly zipCodeDir: (name: FunctionName) => string;
  /** Where the schedule config sits in the zip: what the functions' POWER_CONFIG (or its default) points at. */
  readonly zipConfigEntry: string;
  /** Modules the entry still reaches but this platform never runs, whatever the config: stubbed out. */
  readonly leavesOut: readonly LeftOutModule[];
  /** A front built to entryFile in front of the full entry (SCF: the tick that finds nothing due); none on Lambda. */
  readonly front?: BundleFront;
}

/**
 * A small entry the platform loads first, which answers some fires from data compiled at build time and loads the
 * full entry (BundleSpec.entry, built to `fullFile` beside it) for the others, so that those never load its modules.
 */
export interface BundleFront {
  /** The front's module (repo-relative): exports the handler; imports the full entry dynamically. */
  readonly entry: (name: FunctionName) => string;
  /** The file the full entry is built to, beside entryFile: `full.js`. */
  readonly fullFile: string;
  /** The esbuild `define` the front reads its data from. */
  readonly define: string;
  /** Its data, from the validated config of the zip (JSON). */
  readonly data: (config: ScheduleConfig, name: FunctionName, configDigest: string) => unknown;
}

/**
 * One platform's triggers for a config, named as deployed for a stage: as JSON (`powercron triggers --json`) and as
 * the lines `powercron triggers` prints. Throws InvalidInputError for what the platform cannot express.
 */
export type PlatformTriggers = (
  config: ScheduleConfig,
  stage: string,
) => { readonly json: readonly unknown[]; readonly lines: readonly string[] };

export interface DeployArgs {
  readonly configFile: string;
  readonly dryRun: boolean;
  /** In every deployed name; default prod (as `serverless deploy`). */
  readonly stage?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log?: (line: string) => void;
  /** Where the bundles are built; default dist/. */
  readonly distDir?: string;
  /** How often the platform is asked while a function is being created or updated. */
  readonly pollMs?: number;
}

/** Builds this platform's bundles (the bundler sits above the platforms: deploy/ passes it in). */
export type BuildBundles = (options: { configFile: string; distDir?: string }) => Promise<readonly BuiltBundle[]>;

/**
 * How the platform is deployed: `powercron deploy <platform>` (and `--remove`) when powercron deploys it itself
 * (SCF), else the commands of the tool that does (Lambda: the Serverless Framework).
 */
export type PlatformDeploy =
  | {
      /** The subcommand's help text. */
      readonly description: string;
      readonly run: (args: DeployArgs, build: BuildBundles) => Promise<unknown>;
      /** Deletes the stage's functions and their triggers; on a dry run, lists what would go. */
      readonly remove: (args: DeployArgs) => Promise<unknown>;
    }
  | {
      /** `the Serverless Framework (osls)`. */
      readonly tool: string;
      readonly command: string;
      readonly removeCommand: string;
    };

export interface BuiltBundle {
  readonly platform: Platform;
  readonly name: FunctionName;
  readonly dir: string;
  readonly entry: string;
  /** The full entry's file when a front stands before it (BundleFront.fullFile), else absent: `entry` is the whole. */
  readonly fullEntry?: string;
  readonly zip: string;
  readonly zipBytes: number;
  readonly bundleBytes: number;
  /** The digest of the config inside the zip, compiled into the code too. */
  readonly configDigest: string;
  /** The clouds whose connector (SDKs) it carries: the platform's own and those its config names. */
  readonly clouds: readonly ProviderName[];
}

export interface PlatformDescriptor {
  readonly name: Platform;
  /** `Tencent SCF`, `AWS Lambda`. */
  readonly title: string;
  /**
   * The cloud the platform's functions reach. Temporary lookup: the provider registry (src/providers/) names each
   * cloud's platform; this field goes once it does.
   */
  readonly provider: ProviderName;
  readonly bundle: BundleSpec;
  /** Its events as the runtime reads them (event forms, ticks): what `powercron run` reads an event file with. */
  readonly events: PlatformEvents;
  /**
   * Its workers: a synchronous Invoke of the worker function (the function itself unless POWER_WORKER_FUNCTION), for
   * the fan-out of a fire over more partitions than one invocation carries (src/runtime/fan-out.ts).
   */
  readonly workers: WorkersOf;
  /** What its triggers are, for help texts: `SCF tick timers (with the groups each serves)`. */
  readonly triggersNoun: string;
  readonly triggers: PlatformTriggers;
  readonly deploy: PlatformDeploy;
  /**
   * The policy files its own deploy needs (file name → policy), as `npm run infra` writes them in infra/<its cloud>/;
   * none where the deploy writes its roles itself (Lambda: serverless.yml).
   */
  readonly policyFiles: (config: ScheduleConfig) => Readonly<Record<string, object>>;
  /** Its function role's name, as its cloud's spoke accounts trust it; undefined where the deploy names it per stage. */
  readonly functionRoleName: (config: ScheduleConfig) => string | undefined;
  /** The functions' timeout on this platform, as the config's deploy section sets it. */
  readonly timeoutSeconds: (config: ScheduleConfig) => number;
}
