import type { Command } from "commander";
import { InvalidInputError } from "../errors.ts";
import { parseFaultSpec, runLocalCloudServer } from "../local-cloud/index.ts";
import { startedByNpm, stopOnSignals } from "./serve-until-stopped.ts";

interface LocalCloudFlags {
  port: string;
  fleet: string;
  latency: string;
  faults?: string;
  seed: string;
  transition: string;
  describeUnknownIds: string;
  ec2Capacity?: string;
  tencentAccountRate?: string;
}

/** `a=1,b=2` → {a: 1, b: 2}; errors name the flag and the part. */
export function numberPairs(flag: string, raw: string, key: RegExp): Record<string, number> {
  const pairs: Record<string, number> = {};
  for (const part of raw.split(",").map((text) => text.trim())) {
    const [name = "", value = "", extra] = part.split("=");
    const number = Number(value);
    if (extra !== undefined || !key.test(name) || value.trim() === "" || !Number.isFinite(number) || number < 0) {
      throw new InvalidInputError(
        `${flag}: "${part}" must look like name=number (e.g. ${flag === "--ec2-capacity" ? "us-east-1a=3" : "StartInstances=20"})`,
      );
    }
    pairs[name] = number;
  }
  return pairs;
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
  program
    .command("local-cloud")
    .description("serve the local CVM + EC2 emulator (the endpoint for --local-cloud, tests and benchmarks)")
    .option("--port <n>", "port to listen on", "9000")
    .option("--fleet <file>", "fleet JSON", "config/fleet.example.json")
    .option("--latency <ms>", "added to every answer", "0")
    .option(
      "--faults <spec>",
      'faults, e.g. "throttle=0.2,serverError=0.05,hang=0.02", "StopInstances:throttle=0.5" or "StartInstances:lost@1"',
    )
    .option("--seed <n>", "seed for reproducible faults", "1")
    .option("--transition <ms>", "how long STARTING/STOPPING (pending/stopping) last", "300")
    .option(
      "--describe-unknown-ids <mode>",
      "Tencent DescribeInstances with unknown IDs (unconfirmed): omit them, or error with InvalidInstanceId.NotFound",
      "omit",
    )
    .option("--ec2-capacity <zones>", 'EC2 instances each zone can still start, e.g. "us-east-1a=3,us-east-1b=0"')
    .option(
      "--tencent-account-rate <limits>",
      'Tencent account-wide calls/s per action over all regions, e.g. "StartInstances=20,StopInstances=20"',
    )
    .action(async (flags: LocalCloudFlags) => {
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
        tencentDescribeUnknownIds: unknownIdMode(flags.describeUnknownIds),
        ...(flags.ec2Capacity
          ? { ec2ZoneCapacity: numberPairs("--ec2-capacity", flags.ec2Capacity, /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/) }
          : {}),
        ...(flags.tencentAccountRate
          ? {
              tencentAccountRateLimits: Object.fromEntries(
                Object.entries(
                  numberPairs("--tencent-account-rate", flags.tencentAccountRate, /^[A-Z][A-Za-z0-9]*$/),
                ).map(([action, perSecond]) => [action, { perSecond }]),
              ),
            }
          : {}),
      }).catch((error: unknown) => {
        throw listenError(error, port);
      });
      stopper.serving(() => cloud.close());
    });
}
