/**
 * Every environment variable powercron reads: the core ones of src/settings and each cloud's from its descriptor, in
 * the README table's order. The table's texts that list the clouds are filled in from the registry.
 */
import {
  type CloudWords,
  orderedSettings,
  renderSettingRows,
  type Setting,
  type SettingsTableSections,
} from "../settings/index.ts";
import type { ProviderSettings } from "./provider-descriptor.ts";
import { allDescriptors, orList } from "./registry.ts";

const KIND_ORDER = ["platform", "credential", "endpoint"] as const;

function sections(): SettingsTableSections {
  const descriptors = allDescriptors();
  const all = (pick: (settings: ProviderSettings) => readonly Setting[]) =>
    descriptors.flatMap((descriptor) => pick(descriptor.settings));
  const compute = all((settings) => [...settings.regions, ...settings.credentials, ...settings.endpoints]);
  return {
    // By kind, then by cloud: every platform region, then every credential, then every endpoint.
    compute: KIND_ORDER.flatMap((kind) => compute.filter((setting) => setting.kind === kind)),
    alertChannels: all((settings) => settings.alertChannels),
    alertEndpoints: all((settings) => settings.alertEndpoints),
    accountEndpoints: all((settings) => settings.accountEndpoints),
  };
}

function cloudWords(): CloudWords {
  const descriptors = allDescriptors();
  const zh = descriptors.filter((descriptor) => descriptor.alertLocale === "zh").map((d) => `${d.label} groups`);
  return {
    providerNames: orList(descriptors.map((descriptor) => `\`${descriptor.name}\``)),
    platformRegions: orList(
      descriptors.flatMap((descriptor) =>
        descriptor.settings.regions.slice(0, 1).map((region) => `\`${region.name}\` (${descriptor.platform.label})`),
      ),
    ),
    regionExamples: descriptors.map((descriptor) => `${descriptor.name}:${descriptor.region.example}`).join(","),
    localeDefaults: zh.length === 0 ? "`en`" : `\`zh\` for ${orList(zh)}, else \`en\``,
  };
}

/** Every declared variable, the clouds' included, in table order. */
export function allSettings(): readonly Setting[] {
  return orderedSettings(sections());
}

/** The README's settings table (scripts/render-settings-table.ts writes it; test/settings keeps the two equal). */
export function renderSettingsTable(): string {
  return renderSettingRows(sections(), cloudWords());
}
