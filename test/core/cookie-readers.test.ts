/**
 * One table of cookie jars, read by BOTH readers: the built drop-in on a real page (its real
 * `document.cookie`) and `readConsentCookie` from `src/server.ts` on that page's cookie string (what
 * the browser sends as the `Cookie` header). They must agree on every row: only the exact name counts,
 * two copies count as none, and `reset()` and a new decision leave exactly one cookie behind.
 */
import { expect } from '@open-wc/testing';
import { readConsentCookie } from '../../src/server.js';
import { clearAllCookies, closePages, openPage } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';

const REV = 'readers-1';
const NAME = 'integrus_consent';
const ID_A = '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f';
const ID_B = '0b5e2f4c-8a1d-4c3e-9f00-123456789abc';

function decision(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    id: ID_A,
    rev: REV,
    ts: new Date(Date.now() - 3_600_000).toISOString(),
    granted: ['necessary', 'analytics'],
    denied: ['personalization', 'marketing'],
    method: 'custom',
    ...patch,
  });
}
const encoded = (patch: Record<string, unknown> = {}): string => encodeURIComponent(decision(patch));

/** A cookie to set before the page loads: `name=value` (or a bare `value`: a cookie without a name), on `path`. */
interface Jar {
  what: string;
  cookies: Array<{ pair: string; path?: string }>;
  /** The decision both readers must find (its id), or `null` for none. */
  expected: string | null;
}

const TABLE: Jar[] = [
  { what: 'the exact name, percent-encoded as js-cookie writes it', cookies: [{ pair: `${NAME}=${encoded()}` }], expected: ID_A },
  { what: 'the exact name, raw JSON', cookies: [{ pair: `${NAME}=${decision()}` }], expected: ID_A },
  { what: 'the exact name, value in double quotes', cookies: [{ pair: `${NAME}="${encoded()}"` }], expected: ID_A },
  { what: 'among other cookies', cookies: [{ pair: 'theme=dark' }, { pair: `${NAME}=${encoded()}` }, { pair: '_ga=GA1.1.1.1' }], expected: ID_A },
  { what: 'a percent-encoded name (integrus%5Fconsent)', cookies: [{ pair: `integrus%5Fconsent=${encoded()}` }], expected: null },
  { what: 'a fully percent-encoded name', cookies: [{ pair: `%69ntegrus_consent=${encoded()}` }], expected: null },
  { what: 'another case (Integrus_consent)', cookies: [{ pair: `Integrus_consent=${encoded()}` }], expected: null },
  { what: 'a longer name (integrus_consent_old)', cookies: [{ pair: `integrus_consent_old=${encoded()}` }], expected: null },
  { what: 'a prefixed name (xintegrus_consent)', cookies: [{ pair: `xintegrus_consent=${encoded()}` }], expected: null },
  {
    what: 'the exact name beside an encoded look-alike with another decision',
    cookies: [{ pair: `integrus%5Fconsent=${encoded({ id: ID_B })}` }, { pair: `${NAME}=${encoded()}` }],
    expected: ID_A,
  },
  { what: 'a nameless cookie whose value is the name, beside the real one', cookies: [{ pair: NAME }, { pair: `${NAME}=${encoded()}` }], expected: ID_A },
  { what: 'two copies on two paths', cookies: [{ pair: `${NAME}=${encoded()}` }, { pair: `${NAME}=${encoded({ id: ID_B })}`, path: '/__page' }], expected: null },
  { what: 'broken percent-encoding', cookies: [{ pair: `${NAME}=${encoded()}%E0%A4%A` }], expected: null },
  { what: 'an opening quote only', cookies: [{ pair: `${NAME}="${encoded()}` }], expected: null },
  { what: 'an empty value', cookies: [{ pair: `${NAME}=` }], expected: null },
  { what: 'another revision', cookies: [{ pair: `${NAME}=${encoded({ rev: 'readers-0' })}` }], expected: null },
  { what: 'a version-1 UUID (only v4 is documented)', cookies: [{ pair: `${NAME}=${encoded({ id: '6f1c2a9e-1b7d-1c55-8f0e-0a1b2c3d4e5f' })}` }], expected: null },
  { what: 'a v4 UUID with a wrong variant nibble', cookies: [{ pair: `${NAME}=${encoded({ id: '6f1c2a9e-1b7d-4c55-cf0e-0a1b2c3d4e5f' })}` }], expected: null },
  { what: 'an upper-case v4 UUID', cookies: [{ pair: `${NAME}=${encoded({ id: ID_A.toUpperCase() })}` }], expected: ID_A.toUpperCase() },
];

/** Deletes the cookies a row may have left, on `/` and on the test pages' path. */
function clearJar(): void {
  clearAllCookies();
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? '' : part.slice(0, eq).trim();
    document.cookie = `${name}=; max-age=0; path=/`;
    if (eq === -1) document.cookie = `${part.trim()}; max-age=0; path=/`;
  }
  for (const name of [NAME, 'integrus%5Fconsent']) document.cookie = `${name}=; max-age=0; path=/__page`;
  expect(document.cookie, 'cookies left from the previous row').to.equal('');
}

/** What each reader takes as the decision on this page: the id, or `null`. */
function readers(page: TestPage): { browser: string | null; server: string | null } {
  return {
    browser: page.api.getState().consentId,
    server: readConsentCookie(page.doc.cookie, { revision: REV, categories: ['analytics', 'personalization', 'marketing'] })?.id ?? null,
  };
}

describe('cookie readers: the browser and the server agree', () => {
  afterEach(() => {
    closePages();
    clearJar();
  });

  for (const row of TABLE) {
    it(`${row.what}: ${row.expected ? 'a decision' : 'no decision'} for both`, async () => {
      for (const { pair, path } of row.cookies) document.cookie = `${pair}; path=${path ?? '/'}`;
      const page = await openPage({ attrs: { revision: REV }, config: { bots: false } });
      expect(readers(page)).to.deep.equal({ browser: row.expected, server: row.expected }, `cookies: ${page.doc.cookie}`);
      expect(page.api.isGranted('analytics')).to.equal(row.expected !== null);
    });
  }

  it('a look-alike name is not the decision, and reset() leaves no decision for either reader', async () => {
    document.cookie = `integrus%5Fconsent=${encoded()}; path=/`;
    const page = await openPage({ attrs: { revision: REV }, config: { bots: false } });
    expect(page.api.getState().decided).to.equal(false);
    page.api.acceptAll();
    const id = page.api.getState().consentId;
    expect(readers(page)).to.deep.equal({ browser: id, server: id });
    page.api.reset();
    expect(readers(page)).to.deep.equal({ browser: null, server: null });
    await page.reload();
    expect(readers(page)).to.deep.equal({ browser: null, server: null });
  });

  it('two copies (root and page path) read as none; the next decision replaces both, so both readers see it', async () => {
    document.cookie = `${NAME}=${encoded()}; path=/`;
    document.cookie = `${NAME}=${encoded({ id: ID_B })}; path=/__page`;
    const page = await openPage({ attrs: { revision: REV }, config: { bots: false } });
    expect(readers(page)).to.deep.equal({ browser: null, server: null });
    page.api.rejectAll();
    const id = page.api.getState().consentId;
    expect(id).to.be.a('string');
    expect(readers(page)).to.deep.equal({ browser: id, server: id });
    await page.reload();
    expect(readers(page)).to.deep.equal({ browser: id, server: id }, 'one cookie left: the new decision');
    page.api.reset();
    expect(readers(page)).to.deep.equal({ browser: null, server: null });
    expect(page.doc.cookie).not.to.contain(`${NAME}=`);
  });
});
