/** The domain's stop intent → EC2 StopInstances' Force and Hibernate. */
import type { PowerOptions } from "../../domain/index.ts";

/**
 * Force only for a forced shutdown: EC2's plain stop is already a clean shutdown (a graceful-then-forced stop is a
 * plain stop). Hibernate where asked (ec2-failures.ts falls back to a plain stop for instances that cannot); EC2 has
 * no way to release compute billing while stopped beyond what a stop already does, so that intent has no parameter.
 */
export function ec2StopParameters(options: PowerOptions): { Hibernate?: true; Force?: true } {
  return {
    ...(options.hibernate ? { Hibernate: true as const } : {}),
    ...(options.shutdown === "forced" ? { Force: true as const } : {}),
  };
}
