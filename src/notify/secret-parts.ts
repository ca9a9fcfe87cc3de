/**
 * The strings an alert channel must never show: the resolved URL whole, and the parts of it that are its key (a query
 * value such as WeCom's `key` or DingTalk's `access_token`, a path token such as Slack's or Feishu's), and the signing
 * secret. Used to mask every log line and report entry the alerts write.
 */
import { MIN_SECRET_LENGTH } from "../report/index.ts";

export function secretPartsOf(url: string | undefined, secret: string | undefined): string[] {
  const parts = new Set<string>();
  if (secret !== undefined && secret.length > 0) parts.add(secret);
  if (url !== undefined && url.length > 0) {
    parts.add(url);
    if (URL.canParse(url)) {
      const parsed = new URL(url);
      const tail = `${parsed.pathname}${parsed.search}`;
      if (tail.length >= MIN_SECRET_LENGTH) parts.add(tail);
      for (const value of parsed.searchParams.values()) if (value.length >= MIN_SECRET_LENGTH) parts.add(value);
      for (const segment of parsed.pathname.split("/"))
        if (segment.length >= MIN_SECRET_LENGTH && /\d/.test(segment)) parts.add(segment);
    }
  }
  return [...parts].sort((a, b) => b.length - a.length);
}
