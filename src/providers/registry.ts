/**
 * The provider registry: the helpers that ask each cloud's descriptor (its entry in clouds.ts, one per name of
 * PROVIDERS, src/domain/types.ts). Every other folder asks these helpers and never compares a provider with a literal.
 */
import { PROVIDERS, type ProviderName } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { CLOUDS } from "./clouds.ts";
import type { HostPlatform, ProviderDescriptor } from "./provider-descriptor.ts";

/** The cloud's descriptor, from its entry in the one table of the clouds (clouds.ts). */
export function descriptorOf(name: ProviderName): ProviderDescriptor {
  return CLOUDS[name].descriptor;
}

/** Every descriptor, in the order of PROVIDERS. */
export function allDescriptors(): readonly ProviderDescriptor[] {
  return PROVIDERS.map((name) => descriptorOf(name));
}

/** The providers whose descriptor matches (all of them without a test), in the order of PROVIDERS. */
export function providersFor(test: (descriptor: ProviderDescriptor) => boolean = () => true): ProviderName[] {
  return PROVIDERS.filter((name) => test(descriptorOf(name)));
}

/** The providers whose functions a platform hosts by default. */
export function providersHostedOn(platform: HostPlatform): ProviderName[] {
  return providersFor((descriptor) => descriptor.platform.name === platform);
}

/** The platform that hosts a provider's functions by default: the one mapping of provider to platform. */
export function platformOf(provider: ProviderName): HostPlatform {
  return descriptorOf(provider).platform.name;
}

/**
 * The cloud of the classic console example `{region, instanceids}`: SCF's own (its console's sample event), taken when
 * neither the event nor its IDs name one.
 */
export function classicEventProvider(): ProviderName | undefined {
  return providersHostedOn("scf")[0];
}

/** A provider name, or undefined for a word that names none. */
export function providerNamed(word: string): ProviderName | undefined {
  return PROVIDERS.find((name) => name === word);
}

/** The clouds whose ID prefix this ID carries (more than one: the ID can be mistaken, and is never inferred). */
export function providersClaimingId(instanceId: string): ProviderName[] {
  return claimingAmong(allDescriptors(), instanceId);
}

/**
 * The clouds whose grammar accepts this ID; for an ID no grammar accepts, those whose prefix it carries (its error then
 * speaks of the right clouds). So an ID two clouds' grammars accept (two clouds whose IDs are both `i-` and hex
 * digits) is ambiguous, while one only a single grammar accepts (of a length, or with a letter, only one allows) is not.
 */
function claimingAmong(descriptors: readonly ProviderDescriptor[], instanceId: string): ProviderName[] {
  const byGrammar = descriptors.filter((descriptor) => descriptor.instanceId.pattern.test(instanceId));
  const claiming =
    byGrammar.length > 0
      ? byGrammar
      : descriptors.filter((descriptor) => instanceId.startsWith(descriptor.instanceId.prefix));
  return claiming.map((descriptor) => descriptor.name);
}

/** Whether another cloud's IDs share this one's prefix: its IDs can be mistaken for another cloud's. */
export function idsCanBeMistaken(name: ProviderName): boolean {
  const prefix = descriptorOf(name).instanceId.prefix;
  return providersFor((other) => other.name !== name && sharePrefix(prefix, other.instanceId.prefix)).length > 0;
}

function sharePrefix(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** What an ID tells of its cloud: exactly one (`known`), several (`ambiguous`: name the provider), or none. */
export type IdInference =
  | { readonly kind: "known"; readonly provider: ProviderName }
  | { readonly kind: "ambiguous"; readonly providers: readonly ProviderName[] }
  | { readonly kind: "unknown" };

/** Only an ID whose prefix exactly one cloud claims tells its provider. */
export function inferProviderOfId(instanceId: string): IdInference {
  return inferAmong(allDescriptors(), instanceId);
}

/** The inference over a given set of descriptors (the registry's, or a spec's with a cloud added). */
export function inferAmong(descriptors: readonly ProviderDescriptor[], instanceId: string): IdInference {
  const claiming = claimingAmong(descriptors, instanceId);
  const [only] = claiming;
  if (claiming.length === 1 && only !== undefined) return { kind: "known", provider: only };
  if (claiming.length > 1) return { kind: "ambiguous", providers: claiming };
  return { kind: "unknown" };
}

/** The provider of an ID, or a clear input error naming the field and the value when the ID does not tell it. */
export function providerOfIdOrThrow(field: string, instanceId: string): ProviderName {
  const inference = inferProviderOfId(instanceId);
  if (inference.kind === "known") return inference.provider;
  throw new InvalidInputError(`${field}: ${JSON.stringify(instanceId)} ${unknownProviderReason(inference)}`);
}

/** Why an ID does not tell its provider, as a message's tail (after the field and the value). */
export function unknownProviderReason(inference: Exclude<IdInference, { kind: "known" }>): string {
  if (inference.kind === "ambiguous") {
    return `could be ${orList(inference.providers.map((name) => `${withArticle(name)} instance ID`))}: name the provider (${orList(inference.providers)})`;
  }
  return `is neither ${allDescriptors()
    .map((descriptor) => `${withArticle(descriptor.name)} (${descriptor.instanceId.prefix}...)`)
    .join(" nor ")} instance ID`;
}

/** `a Tencent`, `an AWS`. */
export function withArticle(name: ProviderName): string {
  const descriptor = descriptorOf(name);
  return `${descriptor.article} ${descriptor.label}`;
}

/** `an AWS role ARN`: what a cloud's role is called in messages about the config's accounts. */
export function roleNoun(name: ProviderName): string {
  return `${withArticle(name)} role ARN`;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
