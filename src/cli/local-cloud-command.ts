import type { Command } from "commander";
import { InvalidInputError } from "../errors.ts";
import { parseFaultSpec, runLocalCloudServer } from "../local-cloud/index.ts";

interface LocalCloudFlags {
  port: string;
  fleet: string;
  latency: string;
  faults?: string;
  seed: string;
  transition: string;
  describeUnknownIds: string;
}

const UNKNOWN_ID_MODES = ["omit", "error"] as const;

function unknownIdMode(raw: string): (typeof UNKNOWN_ID_MODES)[number] {
  const mode = UNKNOWN_ID_MODES.find((candidate) => candidate === raw);
  if (!mode)
    throw new InvalidInputError(`--describe-unknown-ids: "${raw}" is not one of ${UNKNOWN_ID_MODES.join(", ")}`);
  return mode;
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${flag}: "${raw}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

/** `powercron local-cloud`: the CVM and EC2 emulator, in the foreground until Ctrl-C. */
export function registerLocalCloudCommand(program: Command): void {
  program
    .command("local-cloud")
    .description("serve the local CVM + EC2 emulator (the endpoint for --local-cloud, tests and benchmarks)")
    .option("--port <n>", "port to listen on", "9000")
    .option("--fleet <file>", "fleet JSON", "config/fleet.example.json")
    .option("--latency <ms>", "added to every answer", "0")
    .option(
      "--faults <spec>",
      'fault rates, e.g. "throttle=0.2,serverError=0.05,hang=0.02" or "StopInstances:throttle=0.5"',
    )
    .option("--seed <n>", "seed for reproducible faults", "1")
    .option("--transition <ms>", "how long STARTING/STOPPING (pending/stopping) last", "300")
    .option(
      "--describe-unknown-ids <mode>",
      "Tencent DescribeInstances with unknown IDs (unconfirmed): omit them, or error with InvalidInstanceId.NotFound",
      "omit",
    )
    .action(async (flags: LocalCloudFlags) => {
      await runLocalCloudServer({
        port: whole("--port", flags.port, 0, 65535),
        fleetPath: flags.fleet,
        latencyMs: whole("--latency", flags.latency, 0, 60_000),
        ...(flags.faults ? { faults: parseFaultSpec(flags.faults) } : {}),
        seed: whole("--seed", flags.seed, 0, 2 ** 31),
        transitionMs: whole("--transition", flags.transition, 0, 3_600_000),
        tencentDescribeUnknownIds: unknownIdMode(flags.describeUnknownIds),
      });
    });
}
