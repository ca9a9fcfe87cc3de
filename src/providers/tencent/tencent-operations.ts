/** CVM's LatestOperation, LatestOperationState and LatestOperationErrorMsg → the domain's latest operation. */
import type { LatestOperation, OperationState, PowerAction } from "../../domain/index.ts";

const CVM_OPERATION_STATES: Readonly<Record<string, OperationState>> = {
  SUCCESS: "succeeded",
  OPERATING: "in-progress",
  FAILED: "failed",
};

const CVM_OPERATION_ACTIONS: Readonly<Record<string, PowerAction>> = {
  StartInstances: "start",
  StopInstances: "stop",
};

interface CvmOperationFields {
  readonly LatestOperation?: string | null;
  readonly LatestOperationState?: string | null;
  readonly LatestOperationRequestId?: string | null;
  readonly LatestOperationErrorMsg?: string | null;
}

/** Undefined when CVM reports no operation. An operation other than a start or stop has no action. */
export function cvmLatestOperation(instance: CvmOperationFields): LatestOperation | undefined {
  const name = instance.LatestOperation ?? undefined;
  const cvmState = instance.LatestOperationState ?? undefined;
  if (!name && !cvmState) return undefined;
  const action = name ? CVM_OPERATION_ACTIONS[name] : undefined;
  const state = cvmState ? CVM_OPERATION_STATES[cvmState] : undefined;
  return {
    ...(action ? { action } : {}),
    ...(state ? { state } : {}),
    ...(name ? { label: name } : {}),
    ...(instance.LatestOperationErrorMsg ? { message: instance.LatestOperationErrorMsg } : {}),
    ...(instance.LatestOperationRequestId ? { requestId: instance.LatestOperationRequestId } : {}),
  };
}
