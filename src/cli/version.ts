/** Replaced by the CLI build (scripts/build-cli.mjs) with package.json's version. */
declare const __POWERCRON_VERSION__: string | undefined;

export function cliVersion(): string {
  return typeof __POWERCRON_VERSION__ === "string" ? __POWERCRON_VERSION__ : "0.0.0-source";
}
