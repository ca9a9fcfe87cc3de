/**
 * The exit codes of every `powercron` command, the one list (README, Command line, says the same):
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done: nothing failed (`status`: every instance is in the state it should be in) |
 * | 1 | something failed: `run`/`demo` an instance failed, was not found or was refused, or a misfire; `notify test` a channel failed; a cloud call or anything unexpected failed |
 * | 2 | bad input, nothing was changed: an unknown command or option, a bad flag value (a port in use included), event, config or environment |
 * | 3 | `status` only: an instance has drifted (not in the state it should be in), a listed instance was not found, or one carries a `powercron:schedule` tag naming no schedule |
 *
 * A signal that stops `local-cloud` (SIGTERM, SIGINT, SIGHUP) ends it with 0 once its port is free.
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, drift: 3 } as const;
