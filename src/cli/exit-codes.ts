/** `powercron` exit codes: 1 when an instance failed, 2 on bad input (nothing was changed). */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
