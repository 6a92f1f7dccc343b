import { expect } from '@open-wc/testing';
import type { AuditReport } from '../../src/core/types.js';
import { clearAllCookies, closePages, openPage, settle, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';

/** Records console.group / console.table calls of the page (before the drop-in runs). */
const RECORDER = `<script>window.__printed = [];
['group', 'table', 'info'].forEach(function (k) { var o = console[k]; console[k] = function (x) { window.__printed.push([k, x]); return o.apply(console, arguments); }; });
</script>`;
type Printed = Array<[string, unknown]>;
const printed = (page: TestPage): Printed => (page.win as unknown as { __printed: Printed }).__printed;

/** A YouTube player far below the fold, loading="lazy": a live, ungated tag of a known service that sends nothing. */
const LAZY_VIDEO = '<div style="height:6000px"></div><iframe loading="lazy" title="video" src="https://www.youtube.com/embed/abc"></iframe>';

describe('self-audit (IntegrusConsent.audit(), data-debug)', () => {
  beforeEach(clearAllCookies);
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('reports undeclared cookies, tags naming unknown categories, ungated known services and the decision; sends and sets nothing', async () => {
    const page = await openPage({
      config: { bots: false },
      head: RECORDER,
      body: `<script type="text/plain" data-consent="chat">1</script>${LAZY_VIDEO}`,
    });
    await waitFor(() => page.win.IntegrusConsent);
    page.doc.cookie = '_hjSession_1=x; path=/';
    page.doc.cookie = 'mystery=1; path=/';
    page.doc.cookie = '_ga=GA1; path=/';
    // The banner's interface has loaded, its second part preloaded once the banner was on screen: from
    // here on, any new request would be the audit's.
    const resources = (): string[] => page.win.performance.getEntriesByType('resource').map((e) => e.name);
    await waitFor(() => page.doc.querySelector('integrus-consent-banner'), 5000, 'the banner');
    await waitFor(() => resources().some((u) => u.endsWith('/consent-ui-details.min.js')), 5000, 'the second part preloaded');
    await settle(200);
    const cookiesBefore = page.doc.cookie;
    const requestsBefore = resources();
    const report = (await page.api.audit!()) as AuditReport;
    await settle(300);

    expect(report.undeclaredCookies).to.deep.include({ cookie: '_hjSession_1', service: 'hotjar', category: 'analytics' });
    expect(report.undeclaredCookies).to.deep.include({ cookie: 'mystery', service: null, category: null });
    expect(report.undeclaredCookies.map((c) => c.cookie), '_ga is declared by analytics').to.not.include('_ga');
    expect(report.unknownCategories).to.deep.equal([{ tag: 'script', category: 'chat' }]);
    expect(report.ungatedServices).to.deep.equal([
      { tag: 'iframe src=https://www.youtube.com/embed/abc', service: 'youtube', category: 'marketing' },
    ]);
    expect(report.decision.decided).to.equal(false);
    expect(report.decision.autoblocking).to.equal(false);
    // Printed as tables, one per finding.
    const tables = printed(page).filter(([k]) => k === 'table').map(([, rows]) => rows);
    expect(tables).to.deep.include(report.undeclaredCookies);
    expect(tables).to.deep.include(report.ungatedServices);
    // Nothing written, nothing sent but its own module.
    expect(page.doc.cookie).to.equal(cookiesBefore);
    const fetched = resources().filter((u) => !requestsBefore.includes(u));
    expect(fetched).to.deep.equal([new URL('/dist/browser/consent-audit.min.js', location.href).href]);
  });

  it('data-debug runs it by itself once the page has loaded', async () => {
    const page = await openPage({ config: { bots: false }, attrs: { debug: '' }, head: RECORDER, body: LAZY_VIDEO });
    await waitFor(() => printed(page).some(([k, x]) => k === 'group' && String(x).includes('Audit')), 5000, 'the audit');
    const group = printed(page).find(([k]) => k === 'group')![1];
    expect(group).to.equal('[IntegrusConsent] Audit: 1 finding(s)');
  });

  it('with auto-blocking, a held-back tag is no finding, and an accepted one is let through', async () => {
    const page = await openPage({
      file: 'consent.autoblock.min.js',
      defer: false,
      config: { bots: false },
      body: LAZY_VIDEO,
    });
    await waitFor(() => page.win.IntegrusConsent);
    const before = (await page.api.audit!()) as AuditReport;
    expect(before.ungatedServices).to.deep.equal([]);
    expect(before.decision.autoblocking).to.equal(true);
    expect(before.decision.services).to.deep.equal(['youtube']);
    const iframe = page.doc.querySelector('iframe')!;
    expect(iframe.getAttribute('data-consent-autoblocked')).to.equal('youtube');
    expect(iframe.hasAttribute('src')).to.equal(false);
  });

  it('services: unknown ids get one clear error (autoblock build); consent.min.js no longer says it ignores the option', async () => {
    const auto = await openPage({ file: 'consent.autoblock.min.js', defer: false, config: { bots: false }, attrs: { services: 'yandex-metrica yandex-metrika' } });
    await waitFor(() => auto.win.IntegrusConsent);
    const errors = auto.consoleMessages('error');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('Unknown service "yandex-metrika"').and.contain('known: yandex-metrica');
    const plain = await openPage({ config: { bots: false, services: ['yandex-metrica'] } });
    await waitFor(() => plain.win.IntegrusConsent);
    // It fetches the catalogue for them (test/drop-in/services.test.ts).
    expect(plain.consoleMessages('warn').join('\n')).not.to.contain('"services"');
    expect(plain.consoleMessages('error')).to.deep.equal([]);
  });
});
