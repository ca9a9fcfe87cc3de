/** Requests per second and bucket size of one API action. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Limits per action, applied per (provider, region, action). `Infinity` as perSecond disables a limit. */
export interface RateLimitSpec {
  StartInstances: RateLimit;
  StopInstances: RateLimit;
  DescribeInstances: RateLimit;
  DescribeInstancesStatus: RateLimit;
  /** The tagging calls of the stamps: EC2, ECS, the Tencent Tag API. */
  CreateTags: RateLimit;
  DeleteTags: RateLimit;
  TagResources: RateLimit;
  UntagResources: RateLimit;
  AttachResourcesTag: RateLimit;
  DetachResourcesTag: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitSpec = {
  StartInstances: { perSecond: 10, burst: 2 },
  StopInstances: { perSecond: 10, burst: 2 },
  DescribeInstances: { perSecond: 40, burst: 2 },
  DescribeInstancesStatus: { perSecond: 40, burst: 2 },
  CreateTags: { perSecond: 10, burst: 2 },
  DeleteTags: { perSecond: 10, burst: 2 },
  TagResources: { perSecond: 10, burst: 2 },
  UntagResources: { perSecond: 10, burst: 2 },
  // The Tag API publishes 20 a second for both.
  AttachResourcesTag: { perSecond: 20, burst: 2 },
  DetachResourcesTag: { perSecond: 20, burst: 2 },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets, full at first: a client pacing evenly at the rate always finds a token, one that bursts beyond the
 * bucket is refused.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token; false when the caller is over the limit. */
  take(provider: string, region: string, action: string): boolean {
    const bucket = this.refill(provider, region, action);
    if (!bucket) return true;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whether a token is there, without taking it. */
  has(provider: string, region: string, action: string): boolean {
    const bucket = this.refill(provider, region, action);
    return !bucket || bucket.tokens >= 1;
  }

  /** The action's bucket, refilled to now; undefined when the action has no limit. */
  private refill(provider: string, region: string, action: string): Bucket | undefined {
    const limit = this.limits[action];
    if (!limit || limit.perSecond === Number.POSITIVE_INFINITY) return undefined;
    const key = `${provider}/${region}/${action}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
