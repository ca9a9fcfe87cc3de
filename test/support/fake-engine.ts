import type { EngineDeps } from "../../src/engine/run-power.ts";
import { FakeClock } from "./fake-clock.ts";
import type { FakeProvider } from "./fake-provider.ts";

/** Engine dependencies over in-memory clouds: virtual time, fixed jitter, a 1 s poll interval. */
export function fakeEngineDeps(
  providers: readonly FakeProvider[],
  budgetMs: number,
  clock = new FakeClock(),
): EngineDeps & { clock: FakeClock } {
  return {
    providers: (provider, region) => {
      const found = providers.find((p) => p.provider === provider && p.region === region);
      if (!found) throw new Error(`no fake for ${provider} ${region}`);
      return found;
    },
    clock,
    random: () => 0.5,
    budgetMs,
    policy: { pollIntervalMs: 1_000 },
  };
}
