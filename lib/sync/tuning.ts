/**
 * Delivery timings. Production values unless the build sets them: the reliability test builds with
 * `wxt build --mode reliability` (.env.reliability) so that its many retries take seconds, not minutes.
 */
const env = import.meta.env as Record<string, string | undefined>;
const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export const DELIVERY_TUNING = {
  backoffBaseMs: positive(env.WXT_DELIVERY_BACKOFF_BASE_MS, 2_000),
  backoffCapMs: positive(env.WXT_DELIVERY_BACKOFF_CAP_MS, 10 * 60_000),
  timeoutMs: positive(env.WXT_DELIVERY_TIMEOUT_MS, 15_000),
  batchSize: positive(env.WXT_DELIVERY_BATCH_SIZE, 100),
};
