/** The config's `calendars:` section: each calendar's holidays (a date, a range or `{from, to, name}`) and workdays. */
import { z } from "zod";
import type { Holiday } from "./calendar.ts";
import { dateSchema, isRealDate } from "./value-schemas.ts";

const holidaySchema = z.union(
  [
    dateSchema.transform((date): Holiday => ({ from: date, to: date })),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/)
      .transform((text, ctx): Holiday => {
        const [from = "", to = ""] = text.split("..");
        if (!isRealDate(from) || !isRealDate(to) || to < from) {
          ctx.addIssue({
            code: "custom",
            message: "is not a date range (YYYY-MM-DD..YYYY-MM-DD, in order)",
            input: text,
          });
          return z.NEVER;
        }
        return { from, to };
      }),
    z
      .strictObject({ from: dateSchema, to: dateSchema.optional(), name: z.string().optional() })
      .transform((value, ctx): Holiday => {
        const to = value.to ?? value.from;
        if (to < value.from) {
          ctx.addIssue({ code: "custom", message: "ends before it begins", input: value });
          return z.NEVER;
        }
        return { from: value.from, to, ...(value.name === undefined ? {} : { name: value.name }) };
      }),
  ],
  { error: "is not a date, a range YYYY-MM-DD..YYYY-MM-DD, or {from, to, name}" },
);

export const calendarSchema = z.strictObject({
  description: z.string().optional(),
  holidays: z.array(holidaySchema).default([]),
  workdays: z.array(dateSchema).default([]),
});
