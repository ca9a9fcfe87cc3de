/** Alibaba Cloud for the tools: no spoke files, local-cloud flags or demo events yet (`npm run infra` writes nothing). */
import type { ProviderTooling } from "../provider-tooling.ts";

export const ALIBABA_TOOLING: ProviderTooling = { spokeFiles: () => ({}), localCloudFlags: [] };
