/**
 * What the tools know of one cloud beside its descriptor: the files `npm run infra` writes for it (the policy of the
 * keys the functions carry, where no platform of the cloud writes one, and the spoke files of its other accounts),
 * the `powercron local-cloud` flags that tune its emulation, and the sample events `powercron demo` replays. Kept
 * apart from the descriptor, which the function bundles carry, so that no bundle carries a CloudFormation template
 * or a CLI flag; one per cloud in tooling.ts (a cloud missing there does not compile).
 */
import type { LocalCloudFlag } from "./local-cloud-flags.ts";

/** What a cloud's spoke files (the role each other account installs for the hub) are written from. */
export interface SpokeScope {
  /** The management tag: the spoke role starts and stops only instances that carry it, in any region. */
  readonly managementTag: { readonly key: string; readonly value: string };
  /** The role name the spoke files create by default (the config's roleArn must name it). */
  readonly roleName: string;
  /** The hub's function role, as the spoke trusts it by name; a placeholder where the hub's deploy names it. */
  readonly hubRole: string;
}

/**
 * The policy of the identity whose keys the functions carry for a cloud that no platform hosts (so no deploy writes
 * an execution role for it): its descriptor's permissions (compute, assumeRoles) in one document of the cloud's.
 */
export interface KeysPolicy {
  /** The file name in infra/<cloud>/. */
  readonly file: string;
  /** The cloud's policy document around these statements. */
  document(statements: readonly object[]): object;
}

export interface ProviderTooling {
  /** The policy file of the keys the functions carry, where no platform writes the cloud's; none: not written. */
  readonly keysPolicy?: KeysPolicy;
  /** The spoke files of this cloud's other accounts: file name (in infra/<cloud>/) → document. */
  spokeFiles(scope: SpokeScope): Readonly<Record<string, object>>;
  /** The `powercron local-cloud` flags that tune how the local cloud emulates this cloud. */
  readonly localCloudFlags: readonly LocalCloudFlag[];
  /** The sample console events `powercron demo` replays for this cloud (repo-relative), by action; none: not shown. */
  readonly demoEvents?: { readonly stop: string; readonly start: string };
}
