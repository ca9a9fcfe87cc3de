/** The config's values that several sections share: a calendar date, an IANA time zone, a crontab expression. */
import { z } from "zod";
import { CrontabSyntaxError, parseCrontab } from "./crontab.ts";
import { isValidZone } from "./zone.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const dateSchema = z.string().refine(isRealDate, { error: "is not a date (YYYY-MM-DD)" });

export const zoneSchema = z.string().refine(isValidZone, { error: "is not an IANA time zone (such as Asia/Shanghai)" });

export const crontabSchema = z.string().transform((text, ctx) => {
  try {
    return parseCrontab(text);
  } catch (error) {
    if (!(error instanceof CrontabSyntaxError)) throw error;
    ctx.addIssue({ code: "custom", message: `is not a crontab expression: ${error.message}`, input: text });
    return z.NEVER;
  }
});
