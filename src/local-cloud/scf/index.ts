/** The local cloud's SCF front: a Tencent service (signed like CVM, addressed as scf.<host>) over an in-memory account. */
export { createScfService } from "./scf-service.ts";
export {
  type EmulatedFunction,
  type EmulatedTrigger,
  type FunctionStatus,
  ScfState,
  type ScfStateView,
} from "./scf-state.ts";
export { type TimerEvent, type TimerFire, type TimerFireOptions, timerFires } from "./scf-timers.ts";
