import { expect } from '@open-wc/testing';
import { changedCategories, changedServices, checkDecision, decisionFromChoice, encodeDecision, newConsentId, parseDecision, stateFromDecision, undecidedState } from '../../src/core/decision.js';
import type { StoredDecision } from '../../src/core/decision.js';

const categories = ['analytics', 'personalization', 'marketing'];
const ctx = { revision: '2025-09-01', categories, maxAgeDays: 365 };
const valid = (): StoredDecision => ({
  v: 1,
  id: '0b5e2f4c-8a1d-4c3e-9f00-123456789abc',
  rev: '2025-09-01',
  ts: new Date(Date.now() - 60_000).toISOString(),
  granted: ['necessary', 'analytics'],
  denied: ['personalization', 'marketing'],
  method: 'custom',
});
const withField = (patch: Record<string, unknown>): string => JSON.stringify({ ...valid(), ...patch });

describe('stored decision', () => {
  it('round-trips a decision written by encodeDecision', () => {
    const decision = valid();
    expect(parseDecision(encodeDecision(decision), ctx)).to.deep.equal(decision);
  });

  it('writes the fields in the order of docs/contract.md §6', () => {
    expect(Object.keys(JSON.parse(encodeDecision(valid())))).to.deep.equal(['v', 'id', 'rev', 'ts', 'granted', 'denied', 'method']);
  });

  const broken: Array<[string, unknown, string]> = [
    ['an empty value', '', 'empty or oversized'],
    ['a non-string', 42, 'empty or oversized'],
    ['malformed JSON', '{"v":1,', 'not JSON'],
    ['a JSON array', '[1,2]', 'not an object'],
    ['JSON null', 'null', 'not an object'],
    ['an oversized value', withField({ pad: 'x'.repeat(5000) }), 'empty or oversized'],
    ['an extra field', withField({ admin: true }), 'unexpected fields'],
    ['a __proto__ key', withField({}).replace('{', '{"__proto__":{"granted":["analytics"]},'), 'unexpected fields'],
    ['a constructor key', withField({ constructor: { prototype: { x: 1 } } }), 'unexpected fields'],
    ['another version', withField({ v: 2 }), 'unknown version'],
    ['a version as string', withField({ v: '1' }), 'unknown version'],
    ['a bad id', withField({ id: 'not-a-uuid' }), 'bad id'],
    ['a version-1 UUID (the README documents v4)', withField({ id: '0b5e2f4c-8a1d-1c3e-9f00-123456789abc' }), 'bad id'],
    ['a version-7 UUID', withField({ id: '0b5e2f4c-8a1d-7c3e-9f00-123456789abc' }), 'bad id'],
    ['a v4 UUID of another variant', withField({ id: '0b5e2f4c-8a1d-4c3e-cf00-123456789abc' }), 'bad id'],
    ['a foreign revision', withField({ rev: '2024-01-01' }), 'another revision'],
    ['an unknown method', withField({ method: 'implied' }), 'bad method'],
    ['a non-ISO timestamp', withField({ ts: 'yesterday' }), 'bad timestamp'],
    ['a timestamp from the future', withField({ ts: new Date(Date.now() + 7 * 86_400_000).toISOString() }), 'timestamp out of range'],
    ['an absurdly old timestamp', withField({ ts: '1999-01-01T00:00:00.000Z' }), 'timestamp out of range'],
    ['an expired decision', withField({ ts: new Date(Date.now() - 400 * 86_400_000).toISOString() }), 'expired'],
    ['granted as a string', withField({ granted: 'analytics' }), 'bad category lists'],
    ['numbers in granted', withField({ granted: ['necessary', 1] }), 'bad category lists'],
    ['necessary denied', withField({ granted: ['analytics'], denied: ['necessary', 'personalization', 'marketing'] }), 'necessary not granted'],
    ['a category twice', withField({ granted: ['necessary', 'analytics', 'analytics'], denied: ['personalization', 'marketing'] }), 'a category listed twice'],
    ['granted and denied at once', withField({ granted: ['necessary', 'analytics'], denied: ['analytics', 'personalization', 'marketing'] }), 'a category listed twice'],
    ['an unknown category', withField({ granted: ['necessary', 'analytics', 'spying'] }), 'categories differ from the configured ones'],
    ['a missing category', withField({ denied: ['personalization'] }), 'categories differ from the configured ones'],
    ['accept-all that denies two', withField({ method: 'accept-all' }), 'inconsistent with accept-all'],
    ['reject-all that grants', withField({ method: 'reject-all' }), 'inconsistent with reject-all'],
    ['service choices as a list', withField({ services: ['youtube'] }), 'bad service choices'],
    ['service choices with an extra key', withField({ services: { granted: ['youtube'], denied: [], all: true } }), 'bad service choices'],
    ['empty service choices', withField({ services: { granted: [], denied: [] } }), 'bad service choices'],
    ['a service id that is not one', withField({ services: { granted: ['You Tube'], denied: [] } }), 'bad service choices'],
    ['a service granted and denied', withField({ services: { granted: ['youtube'], denied: ['youtube'] } }), 'a service listed twice'],
    ['too many service choices', withField({ services: { granted: Array.from({ length: 49 }, (_, i) => `s${i}`), denied: [] } }), 'bad service choices'],
    ['service choices on accept-all', withField({ method: 'accept-all', granted: ['necessary', 'analytics', 'personalization', 'marketing'], denied: [], services: { granted: [], denied: ['youtube'] } }), 'service choices without a custom decision'],
    ['a second extra field beside services', withField({ services: { granted: ['youtube'], denied: [] }, admin: true }), 'unexpected fields'],
  ];
  for (const [what, raw, reason] of broken) {
    it(`treats ${what} as no decision`, () => {
      expect(checkDecision(raw, ctx)).to.equal(reason);
      expect(parseDecision(raw, ctx)).to.equal(null);
    });
  }

  it('does not let a __proto__ key change any prototype', () => {
    parseDecision('{"__proto__":{"polluted":true},"v":1}', ctx);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('derives the state: necessary always granted, the rest as stored', () => {
    const decision = valid();
    const state = stateFromDecision(decision, categories);
    expect(state).to.deep.equal({
      decided: true,
      categories: { necessary: true, analytics: true, personalization: false, marketing: false },
      granted: ['necessary', 'analytics'],
      denied: ['personalization', 'marketing'],
      services: {},
      revision: '2025-09-01',
      consentId: decision.id,
      timestamp: decision.ts,
      method: 'custom',
    });
  });

  it('starts undecided with only necessary granted', () => {
    expect(undecidedState('7', categories)).to.deep.equal({
      decided: false,
      categories: { necessary: true, analytics: false, personalization: false, marketing: false },
      granted: ['necessary'],
      denied: categories,
      services: {},
      revision: '7',
      consentId: null,
      timestamp: null,
      method: null,
    });
  });

  it('lists what changed, counting undecided as denied', () => {
    const before = undecidedState('1', categories);
    const after = stateFromDecision({ ...valid(), rev: '1' }, categories);
    expect(changedCategories(before, after)).to.deep.equal(['analytics']);
    expect(changedCategories(after, after)).to.deep.equal([]);
  });

  it('reads service choices as an eighth field, and a cookie without them (earlier versions) as before', () => {
    // One decision throughout: valid() takes the clock, and two calls may fall in different milliseconds.
    const seven = valid();
    const decision = { ...seven, services: { granted: ['youtube'], denied: ['yandex-direct'] } };
    const raw = encodeDecision(decision);
    expect(Object.keys(JSON.parse(raw))).to.deep.equal(['v', 'id', 'rev', 'ts', 'granted', 'denied', 'method', 'services']);
    expect(parseDecision(raw, ctx)).to.deep.equal(decision);
    expect(stateFromDecision(decision, categories).services).to.deep.equal({ youtube: true, 'yandex-direct': false });
    // An old cookie: the same seven keys, read exactly as before, every service following its category.
    const old = JSON.stringify(seven);
    expect(parseDecision(old, ctx)).to.deep.equal(seven);
    expect(stateFromDecision(seven, categories).services).to.deep.equal({});
    // No service choices: the cookie is byte for byte what earlier versions wrote.
    expect(encodeDecision({ ...seven, services: { granted: [], denied: [] } })).to.equal(encodeDecision(seven));
  });

  it('lists the services whose own choice changed', () => {
    const before = stateFromDecision(valid(), categories);
    const after = stateFromDecision({ ...valid(), services: { granted: ['youtube'], denied: [] } }, categories);
    expect(changedServices(before, after)).to.deep.equal(['youtube']);
    expect(changedServices(after, after)).to.deep.equal([]);
  });

  it('makes v4 UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newConsentId()).to.match(uuid);
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) } as unknown as Crypto;
    const ids = new Set(Array.from({ length: 50 }, () => newConsentId(insecure)));
    expect(ids.size).to.equal(50);
    for (const id of ids) expect(id).to.match(uuid);
  });
});

describe('decision from a choice', () => {
  const ctx = { revision: '3', categories, gpcCategory: null, id: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f', ts: '2026-11-30T12:00:00.000Z' };

  it('grants exactly the categories the choice sets to true, necessary always', () => {
    const { decision, source } = decisionFromChoice({ analytics: true, marketing: 'yes', unknown: true }, 'custom', ctx);
    expect(decision).to.deep.equal({ v: 1, id: ctx.id, rev: '3', ts: ctx.ts, granted: ['necessary', 'analytics'], denied: ['personalization', 'marketing'], method: 'custom' });
    expect(source).to.equal('user');
  });

  it('keeps service choices of a custom decision only', () => {
    const services = { youtube: true, 'yandex-direct': false, 'Not An Id': true, rutube: 'yes' };
    expect(decisionFromChoice({}, 'custom', ctx, services).decision.services).to.deep.equal({ granted: ['youtube'], denied: ['yandex-direct'] });
    expect(decisionFromChoice({}, 'reject-all', ctx, services).decision).to.not.have.property('services');
    expect(decisionFromChoice({}, 'custom', ctx, {}).decision).to.not.have.property('services');
  });

  it('an inherited key grants nothing (a polluted Object.prototype)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.analytics = true;
    try {
      expect(decisionFromChoice({}, 'reject-all', ctx).decision.granted).to.deep.equal(['necessary']);
      expect(decisionFromChoice({ marketing: true }, 'custom', ctx).decision.granted).to.deep.equal(['necessary', 'marketing']);
    } finally {
      delete proto.analytics;
    }
  });

  it('says "gpc" when Global Privacy Control left its category denied, never on reject all', () => {
    const gpc = { ...ctx, gpcCategory: 'marketing' };
    expect(decisionFromChoice({ analytics: true, personalization: true }, 'accept-all', gpc).source).to.equal('gpc');
    expect(decisionFromChoice({ analytics: true }, 'custom', gpc).source).to.equal('gpc');
    expect(decisionFromChoice({ marketing: true }, 'custom', gpc).source).to.equal('user');
    expect(decisionFromChoice({}, 'reject-all', gpc).source).to.equal('user');
  });
});
