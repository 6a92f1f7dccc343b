import { expect } from '@open-wc/testing';
import { encodeDecision } from '../../src/core/decision.js';
import type { StoredDecision } from '../../src/core/decision.js';
import { createDecisionCookie } from '../../src/core/stored-decision.js';
import { collect } from '../helpers/messages.js';
import { clearAllCookies } from '../helpers/page.js';

const CATEGORIES = ['analytics', 'personalization', 'marketing'];
const TS = new Date(Date.now() - 60_000).toISOString();

function decision(granted: string[], id = '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f'): StoredDecision {
  return {
    v: 1,
    id,
    rev: '7',
    ts: TS,
    granted: ['necessary', ...granted],
    denied: CATEGORIES.filter((c) => !granted.includes(c)),
    method: 'custom',
  };
}

function jar(warnings: string[] = []) {
  return createDecisionCookie({
    cookie: { name: 'integrus_consent', domain: null, expiresDays: 365, rejectedExpiresDays: 180 },
    revision: '7',
    categories: CATEGORIES,
    host: location.hostname,
    secure: false,
    warn: collect(warnings),
  });
}

/** The next task: `poll()` looks at most once per task. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('stored decision (real document.cookie)', () => {
  afterEach(clearAllCookies);

  it('persists a decision that read() gives back, and forget() removes it', () => {
    const cookie = jar();
    expect(cookie.read()).to.deep.equal({ decision: null, voided: false });
    expect(cookie.persist(decision(['analytics']))).to.equal(true);
    expect(jar().read()).to.deep.equal({ decision: decision(['analytics']), voided: false });
    cookie.forget();
    expect(document.cookie).not.to.contain('integrus_consent');
    expect(jar().read()).to.deep.equal({ decision: null, voided: false });
  });

  it('read() says once why a stored value is void, and grants nothing', () => {
    document.cookie = `integrus_consent=${encodeURIComponent('{"v":1}')}; path=/`;
    const warnings: string[] = [];
    expect(jar(warnings).read(), 'void: its cookies are to be cleared').to.deep.equal({ decision: null, voided: true });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('Stored decision ignored (unexpected fields)');
  });

  it("poll() adopts another tab's decision once, then its reset; the same value twice is nothing new", async () => {
    const cookie = jar();
    cookie.persist(decision(['analytics']));
    await nextTask();
    // Another tab writes its own decision.
    const other = decision(['marketing'], '0b9c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f');
    document.cookie = `integrus_consent=${encodeURIComponent(encodeDecision(other))}; path=/`;
    expect(cookie.poll({ decided: true, consentId: decision([]).id })).to.deep.equal({ decision: other });
    await nextTask();
    expect(cookie.poll({ decided: true, consentId: other.id })).to.equal(null);
    // And then forgets it.
    document.cookie = 'integrus_consent=; max-age=0; path=/';
    await nextTask();
    expect(cookie.poll({ decided: true, consentId: other.id })).to.equal('forgotten');
  });

  it('poll() reads document.cookie at most once per task', async () => {
    const cookie = jar();
    cookie.read();
    document.cookie = `integrus_consent=${encodeURIComponent(encodeDecision(decision(['analytics'])))}; path=/`;
    expect(cookie.poll({ decided: false, consentId: null }), 'same task as read()').to.equal(null);
    await nextTask();
    expect(cookie.poll({ decided: false, consentId: null })).to.deep.equal({ decision: decision(['analytics']) });
  });
});
