import { type Command, Option } from "commander";
import { InvalidInputError } from "../errors.ts";
import { type LocalCloudServerArgs, parseFaultSpec, runLocalCloudServer } from "../local-cloud/index.ts";
import { allDescriptors, type LocalCloudFlag, toolingOf } from "../providers/index.ts";
import { localCloudSummary } from "./cloud-words.ts";
import { startedByNpm, stopOnSignals } from "./serve-until-stopped.ts";

interface LocalCloudFlags {
  port: string;
  fleet: string;
  latency: string;
  faults?: string;
  seed: string;
  transition: string;
  /** Each cloud's own flags (its descriptor's localCloudFlags), by commander's attribute name. */
  [cloudFlag: string]: string | undefined;
}

/** Every cloud's local-cloud flags, in alphabetical order, each with commander's option for it. */
function cloudFlags(): { flag: LocalCloudFlag; option: Option }[] {
  return allDescriptors()
    .flatMap((descriptor) => toolingOf(descriptor.name).localCloudFlags)
    .map((flag) => {
      const option = new Option(flag.flag, flag.description);
      return { flag, option: flag.defaultValue === undefined ? option : option.default(flag.defaultValue) };
    })
    .sort((a, b) => a.option.name().localeCompare(b.option.name()));
}

/** The local cloud's options the given cloud flags set, in the order of the flags. */
function cloudOptions(flags: LocalCloudFlags, declared: ReturnType<typeof cloudFlags>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const { flag, option } of declared) {
    const raw = flags[option.attributeName()];
    // An empty value sets nothing, unless the flag has a default (then it is read, and refused).
    if (raw !== undefined && (raw !== "" || flag.defaultValue !== undefined)) Object.assign(options, flag.options(raw));
  }
  return options;
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${flag}: "${raw}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A listen that failed as bad input: the port is taken, or this user may not listen on it. */
function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE")
    return new InvalidInputError(
      `--port ${port}: the port is already in use (another powercron local-cloud?): stop that one, or choose another --port`,
    );
  if (code === "EACCES")
    return new InvalidInputError(`--port ${port}: not allowed to listen on this port: choose one above 1023`);
  return error;
}

/**
 * `powercron local-cloud`: the CVM and EC2 emulator, in the foreground until Ctrl-C, `kill` (SIGTERM) or SIGHUP; started by
 * npx, also until the npx process ends (`kill %1` after `npx powercron local-cloud &`).
 */
export function registerLocalCloudCommand(program: Command): void {
  const declared = cloudFlags();
  const command = program
    .command("local-cloud")
    .description(localCloudSummary())
    .option("--port <n>", "port to listen on", "9000")
    .option("--fleet <file>", "fleet JSON", "config/fleet.example.json")
    .option("--latency <ms>", "added to every answer", "0")
    .option(
      "--faults <spec>",
      'faults, e.g. "throttle=0.2,serverError=0.05,hang=0.02", "StopInstances:throttle=0.5" or "StartInstances:lost@1"',
    )
    .option("--seed <n>", "seed for reproducible faults", "1")
    .option("--transition <ms>", "how long STARTING/STOPPING (pending/stopping) last", "300");
  for (const { option } of declared) command.addOption(option);
  command.action(async (flags: LocalCloudFlags) => {
    const port = whole("--port", flags.port, 0, 65535);
    const stopper = stopOnSignals({
      print: (line) => console.error(line),
      exit: (code) => process.exit(code),
      watchParent: startedByNpm(),
    });
    const cloud = await runLocalCloudServer({
      port,
      fleetPath: flags.fleet,
      latencyMs: whole("--latency", flags.latency, 0, 60_000),
      ...(flags.faults ? { faults: parseFaultSpec(flags.faults) } : {}),
      seed: whole("--seed", flags.seed, 0, 2 ** 31),
      transitionMs: whole("--transition", flags.transition, 0, 3_600_000),
      // Each cloud's own options, as its flags set them (LocalCloudServerArgs names them all).
      ...(cloudOptions(flags, declared) as Partial<LocalCloudServerArgs>),
    }).catch((error: unknown) => {
      throw listenError(error, port);
    });
    stopper.serving(() => cloud.close());
  });
}
