/**
 * The alert variables a deploy copies from its own environment into the functions': the `${ENV_NAME}` references of
 * the config's channels that alert on this platform's runs, and the POWER_NOTIFY_* variables that are set. They come
 * from the deployer's shell (or CI secrets), never from the repo; a referenced one that is unset would fail its
 * channel at every alert, so the deploy names it (a dry run warns, a deploy refuses). Pure: config and environment in.
 */
import {
  channelVariables,
  NOTIFY_SETTING_VARIABLES,
  type NotifyVariable,
  type Platform,
  type ScheduleConfig,
} from "../schedule/index.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface NotifyEnvironment {
  /** Name → value, as the deploy's environment has them. */
  readonly variables: Readonly<Record<string, string>>;
  /** The credentials among them (webhook URLs, signing secrets): masked wherever the deploy shows its environment. */
  readonly secretNames: readonly string[];
  /** A referenced variable the deploy's environment does not set, naming the channel's field. */
  readonly missing: readonly string[];
}

/** The config's channels that can alert on a run of this platform's groups (a channel limited to other groups, not). */
function platformNotify(config: ScheduleConfig, platform: Platform): ScheduleConfig["notify"] {
  if (config.notify === undefined) return undefined;
  const own = new Set(config.groups.filter((group) => group.platform === platform).map((group) => group.name));
  return {
    ...config.notify,
    channels: config.notify.channels.map((channel) =>
      channel.groups === undefined || channel.groups.some((group) => own.has(group))
        ? channel
        : // Kept in place (so that fields keep their index), with nothing to read.
          { ...channel, ...("url" in channel ? { url: "", secret: undefined } : { topicArn: "" }) },
    ),
  };
}

export function notifyEnvironment(config: ScheduleConfig, platform: Platform, env: Env): NotifyEnvironment {
  const configured = config.deploy[platform].environment;
  const variables: Record<string, string> = {};
  const secretNames: string[] = [];
  const missing: string[] = [];
  const take = (variable: NotifyVariable, required: boolean) => {
    if (variable.secret) secretNames.push(variable.name);
    if (variable.name in configured) return; // deploy.<platform>.environment sets it (a non-secret one)
    const value = env[variable.name]?.trim();
    if (value) variables[variable.name] = value;
    else if (required) {
      missing.push(
        `${variable.field}: \${${variable.name}} is not set in the deploy's environment: export it before deploying ` +
          `(the deploy copies it into the functions' environment; without it the channel fails at every alert)`,
      );
    }
  };
  for (const variable of channelVariables(platformNotify(config, platform))) take(variable, true);
  for (const variable of NOTIFY_SETTING_VARIABLES) take(variable, false);
  return { variables, secretNames: [...new Set(secretNames)], missing };
}
