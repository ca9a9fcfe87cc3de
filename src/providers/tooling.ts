/** Each cloud's tooling (provider-tooling.ts), by the names of PROVIDERS: a cloud without one does not compile. */
import type { ProviderName } from "../domain/index.ts";
import { ALIBABA_TOOLING } from "./alibaba/alibaba-tooling.ts";
import { AWS_TOOLING } from "./aws/aws-tooling.ts";
import type { ProviderTooling } from "./provider-tooling.ts";
import { TENCENT_TOOLING } from "./tencent/tencent-tooling.ts";

const TOOLING: { readonly [P in ProviderName]: ProviderTooling } = {
  tencent: TENCENT_TOOLING,
  aws: AWS_TOOLING,
  alibaba: ALIBABA_TOOLING,
};

export function toolingOf(name: ProviderName): ProviderTooling {
  return TOOLING[name];
}
