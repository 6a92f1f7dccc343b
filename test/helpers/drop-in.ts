/**
 * Shared fixture of the drop-in tests: a page with three gated scripts (an external analytics tag
 * that sets `_ym_uid`, an inline analytics tag that sets `_ga`, an inline marketing tag that sets
 * `_fbp`), and a stored decision written exactly as the library writes it.
 */
import { openPage } from './page.js';
import type { PageOptions, TestPage } from './page.js';

export const REV = '2025-09-01';
export const GATED = `
  <script type="text/plain" data-consent="analytics" src="/__script?name=metrika&delay=150&cookie=_ym_uid"></script>
  <script type="text/plain" data-consent="analytics">window.__runs.push('inline:analytics'); document.cookie = '_ga=GA1.1.1.1; path=/';</script>
  <script type="text/plain" data-consent="marketing">window.__runs.push('inline:marketing'); document.cookie = '_fbp=fb.1; path=/';</script>`;

/** The drop-in on a page holding `GATED`, revision `REV`, bot detection off (tests set their own agents). */
export const visit = (extra: PageOptions = {}): Promise<TestPage> =>
  openPage({ body: GATED, ...extra, attrs: { revision: REV, ...extra.attrs }, config: { bots: false, ...(extra.config as object) } });

/** A valid stored decision written as the library writes it. */
export function storeDecision(granted: string[], patch: Record<string, unknown> = {}): void {
  const all = ['analytics', 'personalization', 'marketing'];
  const value = JSON.stringify({
    v: 1,
    id: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f',
    rev: REV,
    ts: new Date(Date.now() - 3_600_000).toISOString(),
    granted: ['necessary', ...granted],
    denied: all.filter((c) => !granted.includes(c)),
    method: 'custom',
    ...patch,
  });
  document.cookie = `integrus_consent=${encodeURIComponent(value)}; path=/`;
}
