import { InvalidInputError } from "../errors.ts";
import { LOG_DETAILS, type LogDetail } from "../report/index.ts";
import { type Environment, SETTINGS, settingText } from "../settings/index.ts";

/** POWER_LOG_DETAIL: which per-instance rows the detail lines carry (default all). */
export function logDetail(env: Environment): LogDetail {
  const raw = settingText(env, SETTINGS.logDetail);
  if (raw === undefined) return "all";
  const value = raw.toLowerCase();
  if ((LOG_DETAILS as readonly string[]).includes(value)) return value as LogDetail;
  throw new InvalidInputError(
    `${SETTINGS.logDetail.name}: ${JSON.stringify(raw)} is not one of ${LOG_DETAILS.join(", ")}`,
  );
}
