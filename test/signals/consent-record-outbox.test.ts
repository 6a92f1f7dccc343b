/**
 * Consent records that do not arrive are not lost: the built drop-in on real pages, a stand-in
 * endpoint that fails on purpose (web-test-runner.config.mjs, /__log), real reloads.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, openPage, settle, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';

const REV = '2025-09-01';
const OUTBOX = 'integrus_consent_outbox';

interface Pending {
  record: { id: string; method: string };
  attempts: number;
  first: number;
  next: number;
}

const outbox = (): Pending[] => JSON.parse(localStorage.getItem(OUTBOX) ?? '[]') as Pending[];
const newBucket = (): string => `r${Math.random().toString(36).slice(2)}`;
const stored = async (bucket: string): Promise<Array<{ id: string; method: string }>> =>
  ((await (await fetch(`/__log?bucket=${bucket}`)).json()) as Array<{ body: string }>).map((r) => JSON.parse(r.body));
const postsTo = async (bucket: string): Promise<number> => (await (await fetch(`/__log?bucket=${bucket}&posts`)).json()) as number;

/**
 * The outbox's back-off schedule for a page (the internal hook in src/signals/consent-record.ts): by
 * default no wait between page views, so a reload sends again at once.
 */
const schedule = (plan: Record<string, number> | null = { firstDelayMs: 0 }): string =>
  plan ? `<script>window.__integrusConsentOutboxSchedule = ${JSON.stringify(plan)};</script>` : '';

/** A page whose logEndpoint is the stand-in with `query` (e.g. `fail=1`). */
const visit = (bucket: string, query = '', plan?: Record<string, number> | null): Promise<TestPage> =>
  openPage({
    attrs: { revision: REV, logEndpoint: `/__log?bucket=${bucket}${query ? `&${query}` : ''}` },
    config: { bots: false },
    head: schedule(plan),
  });

describe('consent records: nothing lost', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
    localStorage.removeItem(OUTBOX);
  });

  it('a record the endpoint answered 503 is kept and sent again on the next page view; once stored, never again', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'fail=1');
    const { consentId } = page.api.acceptAll();
    await waitFor(() => outbox()[0]?.attempts === 1 && postsTo(bucket).then((n) => n === 1), 3000, 'the first, failed send');
    expect(await stored(bucket)).to.deep.equal([]);
    expect(outbox().map((p) => p.record.id)).to.deep.equal([consentId]);
    expect((await page.consoleMessage('warn', `Consent record ${consentId}`)).join('\n')).to.contain(`Consent record ${consentId} not stored by /__log?bucket=${bucket}&fail=1 (HTTP 503); kept to send again on a page viewed after 0 seconds`);

    await page.reload();
    await waitFor(async () => (await stored(bucket)).length === 1 && outbox().length === 0, 3000, 'the retry to be stored');
    expect((await stored(bucket))[0]).to.deep.include({ id: consentId, method: 'accept-all' });

    await page.reload();
    await settle(300);
    expect(await postsTo(bucket)).to.equal(2, 'an acknowledged record is not sent again');
    expect(await stored(bucket)).to.have.length(1);
  });

  it('a network error keeps the record too, and a later page view delivers it', async () => {
    const bucket = newBucket();
    // Nothing listens on port 9: the connection is refused, as when the receiver is down.
    const page = await openPage({ attrs: { revision: REV, logEndpoint: 'http://127.0.0.1:9/consent-log' }, config: { bots: false }, head: schedule() });
    const { consentId } = page.api.rejectAll();
    await waitFor(() => outbox()[0]?.attempts === 1 && page.consoleMessages('warn').some((m) => m.includes('not delivered')), 5000, 'the failed send');
    page.close();
    await visit(bucket);
    await waitFor(async () => (await stored(bucket)).length === 1 && outbox().length === 0, 3000, 'the retry to be stored');
    expect((await stored(bucket))[0]).to.deep.include({ id: consentId, method: 'reject-all' });
  });

  it('the page closed before the answer: the next page view sends it again, and it is stored once', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'delay=800');
    const { consentId } = page.api.acceptAll();
    await waitFor(() => outbox()[0]?.attempts === 1, 2000, 'the record to be in the outbox');
    page.close(); // the visitor leaves while the request is on its way
    // keepalive: the request outlives the page and arrives; the page never saw the answer.
    await waitFor(async () => (await stored(bucket)).length === 1, 3000, 'the first send to arrive');
    expect(outbox().map((p) => p.record.id)).to.deep.equal([consentId]);

    await visit(bucket);
    await waitFor(async () => (await postsTo(bucket)) === 2 && outbox().length === 0, 3000, 'the second send and its 204');
    expect((await stored(bucket)).map((r) => r.id)).to.deep.equal([consentId], 'one record in the store');
  });

  it('keeps a record past 5 sends while the endpoint is down, and delivers it once the endpoint is back', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'fail=7');
    const { consentId } = page.api.acceptAll();
    await waitFor(() => outbox()[0]?.attempts === 1, 3000, 'the first send');
    for (let view = 2; view <= 7; view += 1) {
      await page.reload();
      await waitFor(async () => (await postsTo(bucket)) === view && outbox()[0]?.attempts === view, 3000, `send ${view}`);
    }
    await page.reload();
    await waitFor(async () => (await stored(bucket)).length === 1 && outbox().length === 0, 3000, 'the eighth send to be stored');
    expect((await stored(bucket))[0]).to.deep.include({ id: consentId });
    expect(page.consoleMessages('warn').join('\n')).not.to.contain('given up');
  });

  it('backs off: after a failed send, a page viewed within the minute sends nothing', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'fail=100', null); // the real schedule
    const { consentId } = page.api.acceptAll();
    await waitFor(() => outbox()[0]?.attempts === 1 && page.consoleMessages('warn').length > 0, 3000, 'the first, failed send');
    const [entry] = outbox();
    expect(entry!.next - entry!.first).to.be.within(59_000, 62_000, 'the first wait is a minute');
    expect(page.consoleMessages('warn').join('\n')).to.contain(`Consent record ${consentId} not stored by`).and.contain('kept to send again on a page viewed after 1 minute');
    await page.reload();
    await settle(300);
    expect(await postsTo(bucket)).to.equal(1, 'no send before the wait is over');
    expect(outbox()).to.have.length(1);
  });

  it('gives up a record not acknowledged within the keep time, and warns once', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'fail=100', { firstDelayMs: 0, keepMs: 0 });
    const { consentId } = page.api.acceptAll();
    await waitFor(() => outbox()[0]?.attempts === 1, 3000, 'the first send');
    await page.reload();
    await waitFor(() => outbox().length === 0 && page.consoleMessages('warn').some((m) => m.includes('given up')), 3000, 'the outbox to let go');
    const givenUp = (): string[] => page.consoleMessages('warn').filter((m) => m.includes('given up'));
    expect(givenUp()[0]).to.contain(`Consent record ${consentId} not acknowledged by /__log?bucket=${bucket}&fail=100`).and.contain('(1 sends): given up');
    await page.reload();
    await settle(300);
    expect(await postsTo(bucket)).to.equal(1);
    expect(givenUp()).to.deep.equal([], 'the warning came once, with the record; the next page has nothing to give up');
  });

  it('a refusal that sending again cannot fix (422) is reported once and not resent', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'status=422');
    const { consentId } = page.api.acceptAll();
    await waitFor(() => page.consoleMessages('error').length > 0 && outbox().length === 0, 3000, 'the error');
    expect(page.consoleMessages('error')[0]).to.contain(`refused consent record ${consentId} (HTTP 422); it will not be sent again`);
    await page.reload();
    await settle(300);
    expect(await postsTo(bucket)).to.equal(1);
  });

  it('several decisions while the endpoint is down all arrive later, each once, and nothing is sent before a decision', async () => {
    const bucket = newBucket();
    const page = await visit(bucket, 'fail=3');
    await settle(200);
    expect(await postsTo(bucket)).to.equal(0, 'a request before any decision');
    const first = page.api.acceptAll().consentId;
    const second = page.api.setCategories({ analytics: true }).consentId;
    const third = page.api.rejectAll().consentId;
    await waitFor(() => outbox().length === 3 && outbox().every((p) => p.attempts === 1) && postsTo(bucket).then((n) => n === 3), 3000, 'three failed sends');
    await page.reload();
    await waitFor(async () => (await stored(bucket)).length === 3 && outbox().length === 0, 3000, 'all three stored');
    expect((await stored(bucket)).map((r) => r.id).sort()).to.deep.equal([first, second, third].sort());
  });

  it('storage that cannot be written still sends the record once', async () => {
    const bucket = newBucket();
    const page = await openPage({
      attrs: { revision: REV, logEndpoint: `/__log?bucket=${bucket}` },
      config: { bots: false },
      head: `<script>Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };</script>`,
    });
    page.api.acceptAll();
    await waitFor(async () => (await stored(bucket)).length === 1, 3000, 'the record');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
  });
});
