/// <reference types="node" />
/**
 * Per-visitor rate limit: a token bucket per key (an address, see `rateKey`), held in memory.
 */

export interface RateLimitOptions {
  /** Records a visitor may send at once (default 30). */
  burst?: number;
  /** Records per minute a visitor may send over time (default 60). */
  perMinute?: number;
}

export interface RateLimiter {
  /** `0` when the request may go on; otherwise the seconds until it may (for `Retry-After`). */
  take(key: string, now?: number): number;
}

/** A limiter, or one that never limits (`false`). */
export function createRateLimiter(options: RateLimitOptions | false = {}): RateLimiter {
  if (options === false) return { take: () => 0 };
  const burst = options.burst ?? 30;
  const perMs = (options.perMinute ?? 60) / 60_000;
  if (!(burst >= 1) || !(perMs > 0)) throw new RangeError('rateLimit: burst must be ≥ 1 and perMinute > 0');
  const buckets = new Map<string, { tokens: number; at: number }>();
  let swept = Date.now();

  return {
    take(key, now = Date.now()) {
      // Forget visitors whose bucket has filled up again, once a minute: the map stays small.
      if (now - swept > 60_000) {
        swept = now;
        for (const [k, b] of buckets) if (b.tokens + (now - b.at) * perMs >= burst) buckets.delete(k);
      }
      const bucket = buckets.get(key) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
