import type { EmulatedInstance, InstanceStore } from "../instance-store.ts";

/** The account an instance belongs to: its fleet `account`, else the local keys' own. */
export function accountOfInstance(instance: EmulatedInstance, ownAccount: string): string {
  return instance.spec.account ?? ownAccount;
}

/**
 * The store as one account sees it: the same instances and state, but lookups and region listings only show that
 * account's instances (another account's instance is not found, as on the real clouds).
 */
export function scopeToAccount(store: InstanceStore, account: string, ownAccount: string): InstanceStore {
  const mine = (instance: EmulatedInstance) => accountOfInstance(instance, ownAccount) === account;
  const view = Object.create(store) as InstanceStore;
  view.get = (provider, region, instanceId) => {
    const instance = store.get(provider, region, instanceId);
    return instance && mine(instance) ? instance : undefined;
  };
  view.inRegion = (provider, region, keep) =>
    store.inRegion(provider, region, keep ? (instance) => mine(instance) && keep(instance) : mine);
  view.selectInRegion = (provider, region, selection, keep) =>
    store.selectInRegion(provider, region, `${account}\n${selection}`, (instance) => mine(instance) && keep(instance));
  view.all = () => store.all().filter(mine);
  return view;
}
