/**
 * The platforms in words, without their code: each platform's title, what its triggers are called, and the command
 * that deploys it where powercron does not. What `powercron --help` shows without loading a platform's bundler,
 * triggers or deploy (and their SDKs); each platform's descriptor (scf/, lambda/) takes its words from here.
 */
import type { Platform } from "../schedule/index.ts";
import { PLATFORM_TITLE } from "./platform-cloud.ts";

/** What a platform's triggers are, for help texts. */
export const PLATFORM_TRIGGERS_NOUN: Readonly<Record<Platform, string>> = {
  scf: "SCF tick timers (with the groups each serves)",
  aws: "EventBridge Scheduler schedules",
};

/** The command that deploys a platform powercron does not deploy itself. */
export const PLATFORM_DEPLOY_COMMAND = { aws: "npx osls deploy" } as const satisfies Partial<Record<Platform, string>>;

/** The command that removes a deployment of a platform powercron does not deploy itself. */
export const PLATFORM_REMOVE_COMMAND = { aws: "npx osls remove" } as const satisfies Record<
  keyof typeof PLATFORM_DEPLOY_COMMAND,
  string
>;

export interface PlatformWords {
  readonly name: Platform;
  /** `Tencent SCF`, `AWS Lambda`. */
  readonly title: string;
  readonly triggersNoun: string;
  /** Absent where `powercron deploy <platform>` deploys it. */
  readonly deployCommand?: string;
}

/** Every platform's words, in the order of PLATFORMS (the order of the tables' keys). */
export function platformWords(): readonly PlatformWords[] {
  return (Object.keys(PLATFORM_TITLE) as Platform[]).map((name) => {
    const deployCommand: string | undefined = (PLATFORM_DEPLOY_COMMAND as Partial<Record<Platform, string>>)[name];
    return {
      name,
      title: PLATFORM_TITLE[name],
      triggersNoun: PLATFORM_TRIGGERS_NOUN[name],
      ...(deployCommand === undefined ? {} : { deployCommand }),
    };
  });
}
