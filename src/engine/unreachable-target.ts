import type { PowerAction, PowerTarget } from "../domain/index.ts";
import type { CloudNotInBundleError } from "../errors.ts";
import { InstanceLedger } from "./instance-ledger.ts";
import { tagSelectionLabel } from "./tag-pages.ts";

/**
 * The ledger of a target whose cloud this function cannot reach at all (its bundle does not carry the cloud's SDK):
 * every instance it names, and its tag selection, `failed` with the error's code and message. No call was sent.
 */
export function unreachableTarget(
  target: PowerTarget,
  action: PowerAction,
  error: CloudNotInBundleError,
  code: string,
): InstanceLedger {
  const ledger = new InstanceLedger(target.provider, target.region, action);
  const failure = { code, message: error.message };
  ledger.settleAll(target.instanceIds, "failed", failure);
  if (Object.keys(target.tags).length > 0) {
    ledger.settle(tagSelectionLabel(target.tags), "failed", failure.code, failure.message);
  }
  return ledger;
}
