/**
 * Retention: how long records are kept (`serve --retention`, the handler's `retention`), and the
 * schedule that prunes past it. docs/records.md, "Retention", says what to choose and why.
 */
import type { RecordStore } from './store.js';

/** Default time between two prunes: four times a day. */
export const PRUNE_EVERY_MS = 6 * 3_600_000;

/**
 * `1460`, `1460d`, `208w` or `4y` (a year is 365 days) → days; throws a RangeError naming the forms for
 * anything else (0, negative, fractions, other units).
 */
export function retentionDays(value: string | number): number {
  const m = /^(\d+)\s*([dwy]?)$/.exec(String(value).trim());
  const n = m ? Number(m[1]) * ({ '': 1, d: 1, w: 7, y: 365 } as const)[m[2] as '' | 'd' | 'w' | 'y'] : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`retention must be a whole number of days (1460 or 1460d), weeks (208w) or years (4y), not "${String(value)}"`);
  return n;
}

export interface RetentionSchedule {
  /** Stops the schedule (a prune under way finishes). */
  stop(): void;
}

/**
 * Prunes records older than `days` now and then every `everyMs`; the timer does not keep the process
 * alive. Stops by itself once the store is closed.
 */
export function scheduleRetention(
  store: RecordStore,
  days: number,
  { everyMs = PRUNE_EVERY_MS, onPruned = () => {}, onError }: { everyMs?: number; onPruned?: (removed: number) => void; onError: (error: unknown) => void },
): RetentionSchedule {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const run = async (): Promise<void> => {
    if (stopped) return;
    try {
      onPruned(await store.prune(days));
    } catch (error) {
      if (String((error as Error)?.message).includes('store is closed')) return void (stopped = true);
      onError(error);
    }
    if (stopped) return;
    timer = setTimeout(() => void run(), everyMs);
    (timer as { unref?: () => void }).unref?.();
  };
  void run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
