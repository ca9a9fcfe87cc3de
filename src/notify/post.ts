/**
 * One POST with a deadline, and at most one retry: the retry only after a network error, a timeout, HTTP 429 or 5xx,
 * and only when the deadline leaves room for it. Never throws: it says what happened.
 */
import type { HttpPost } from "./http-post.ts";

export type Fetch = typeof fetch;

export interface PostAnswer {
  readonly status: number;
  readonly text: string;
}

/** The first try may use this share of the time left, so that a hung receiver leaves room for the retry. */
const FIRST_TRY_SHARE = 2 / 3;
/** A retry needs at least this much time to be worth sending. */
export const MIN_RETRY_MS = 200;

function describe(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof cause === "string" ? `network error ${cause}` : "network error";
}

async function postOnce(post: HttpPost, timeoutMs: number, fetchImpl: Fetch): Promise<PostAnswer | string> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(post.url, {
      method: "POST",
      headers: post.headers,
      body: post.body,
      signal: controller.signal,
      redirect: "error",
    });
    const text = (await response.text()).slice(0, 10_000);
    return { status: response.status, text };
  } catch (error) {
    // The error's own message may quote the URL: only its kind is kept.
    return describe(error, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function retryable(result: PostAnswer | string): boolean {
  return typeof result === "string" || result.status === 429 || result.status >= 500;
}

/** The answer, or why there is none (`network error ECONNREFUSED`, `no answer within 2000 ms`); `tries` made. */
export async function postWithRetry(
  post: HttpPost,
  deadline: number,
  now: () => number,
  fetchImpl: Fetch,
): Promise<{ result: PostAnswer | string; tries: number }> {
  const first = await postOnce(post, Math.max(1, Math.floor((deadline - now()) * FIRST_TRY_SHARE)), fetchImpl);
  const left = deadline - now();
  if (!retryable(first) || left < MIN_RETRY_MS) return { result: first, tries: 1 };
  return { result: await postOnce(post, left, fetchImpl), tries: 2 };
}
