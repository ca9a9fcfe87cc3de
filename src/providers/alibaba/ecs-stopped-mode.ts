import type { InstanceView, PowerAction, PowerOptions } from "../../domain/index.ts";
import type { OptionFallback } from "../compute-provider.ts";

/** What describe tells about an instance's economical-mode eligibility and how it was stopped. */
export interface EcsBillingFacts {
  /** `PrePaid` (subscription) or `PostPaid` (pay-as-you-go). */
  readonly chargeType?: string;
  /** `vpc` or `classic`. */
  readonly networkType?: string;
  /** Local disks (LocalStorageAmount > 0): economical mode does not apply. */
  readonly localStorageAmount?: number;
  /** `StopCharging`, `KeepCharging` or `Not-applicable` (not stopped). */
  readonly stoppedMode?: string;
}

/** An InstanceView with the ECS facts the adapter reads back (the engine sees an InstanceView). */
export interface EcsInstanceView extends InstanceView {
  readonly ecs?: EcsBillingFacts;
}

/**
 * Why StopCharging cannot apply to this instance, or undefined when it can. The StopInstances reference: "If the
 * instance does not support economical mode, the API does not return an error" — subscription instances, classic
 * network instances and instances with local disks (the SDK's StopInstancesRequest doc and cloud-apis.md).
 */
export function stopChargingIneligibility(facts: EcsBillingFacts | undefined): string | undefined {
  if (!facts) return undefined;
  if (facts.chargeType === "PrePaid") return "a subscription instance";
  if (facts.networkType === "classic") return "a classic-network instance";
  if ((facts.localStorageAmount ?? 0) > 0) return "an instance with local disks";
  return undefined;
}

export function keptChargingNote(reason: string): string {
  return `StopCharging does not apply to ${reason}; stopped with KeepCharging (billing continues)`;
}

/**
 * Before the call: an instance that the describe shows ineligible for StopCharging keeps its batch and options (ECS
 * applies KeepCharging to it silently, without an error) and the report notes which mode it gets.
 */
export function ecsOptionsFor(view: EcsInstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
  if (action !== "stop" || !options.releaseComputeWhileStopped) return { options };
  const reason = stopChargingIneligibility(view.ecs);
  return reason ? { options, note: keptChargingNote(reason) } : { options };
}

/**
 * After the stop, read back: the mode that applied to a stopped instance when StopCharging was asked, as a note
 * (undefined when StopCharging applied or the instance is not stopped yet). For the confirm step of an engine that
 * asks its provider about the views it confirms; today the note comes from ecsOptionsFor.
 */
export function appliedStoppedModeNote(view: EcsInstanceView, options: PowerOptions): string | undefined {
  if (!options.releaseComputeWhileStopped || view.ecs?.stoppedMode !== "KeepCharging") return undefined;
  return keptChargingNote(stopChargingIneligibility(view.ecs) ?? "this instance (the cloud kept it charging)");
}
