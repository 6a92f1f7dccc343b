/**
 * Property: whatever the consent cookie holds, reading it never throws and never grants anything
 * unless it is exactly a decision the library would have written. Random values go through the real
 * `document.cookie` and the cookie jar, as they would on a visitor's browser.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkDecision, encodeDecision, parseDecision } from '../../src/core/decision.js';
import { readCookie } from '../../src/core/cookie-jar.js';
import { clearAllCookies } from '../helpers/page.js';

const categories = ['analytics', 'personalization', 'marketing'];
const ctx = { revision: '2025-09-01', categories, maxAgeDays: 365 };
const NAME = 'integrus_consent';

const validDecision = fc.record({
  v: fc.constant(1 as const),
  id: fc.uuid({ version: 4 }),
  rev: fc.constant('2025-09-01'),
  ts: fc.integer({ min: Date.now() - 300 * 86_400_000, max: Date.now() }).map((t) => new Date(t).toISOString()),
  granted: fc.subarray(categories).map((g) => ['necessary', ...g]),
  denied: fc.constant([] as string[]),
  method: fc.constant('custom' as const),
}).map((d) => ({ ...d, denied: categories.filter((c) => !d.granted.includes(c)) }));

/** A valid decision with one field replaced, removed or added: what tampering looks like. */
const tampered = fc.tuple(
  validDecision,
  fc.constantFrom('v', 'id', 'rev', 'ts', 'granted', 'denied', 'method', '__proto__', 'constructor', 'extra'),
  fc.oneof(fc.anything(), fc.constant(undefined)),
).map(([d, key, value]) => {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(d));
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return JSON.stringify(copy).replace('"constructor"', '"__proto__"');
});

const anyValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  tampered,
  fc.string({ minLength: 2100, maxLength: 4000 }),
);

/** Is `d` a decision the library could have written for this context? */
function isGenuine(d: ReturnType<typeof parseDecision>): boolean {
  if (!d) return true;
  const all = [...d.granted, ...d.denied].sort();
  return d.v === 1 && d.rev === ctx.revision && d.granted[0] === 'necessary' && JSON.stringify(all) === JSON.stringify(['necessary', ...categories].sort());
}

describe('stored decision: property-based (fast-check)', () => {
  afterEach(clearAllCookies);

  it('never throws and never returns anything but a genuine decision, for any value', () => {
    fc.assert(
      fc.property(anyValue, (raw) => {
        const result = checkDecision(raw, ctx);
        const parsed = parseDecision(raw, ctx);
        expect(typeof result === 'string' ? parsed : result).to.deep.equal(parsed);
        expect(isGenuine(parsed)).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every tampered variant of a valid decision unless the change kept it valid', () => {
    fc.assert(
      fc.property(tampered, (raw) => {
        const parsed = parseDecision(raw, ctx);
        if (parsed) expect(raw).to.equal(encodeDecision(parsed), 'only an unchanged decision parses');
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips every valid decision through a real cookie', () => {
    fc.assert(
      fc.property(validDecision, (d) => {
        document.cookie = `${NAME}=${encodeURIComponent(encodeDecision(d))}; path=/`;
        const { value } = readCookie(NAME);
        expect(parseDecision(value, ctx)).to.deep.equal(d);
      }),
      { numRuns: 200 },
    );
  });

  it('reads random raw cookie values through document.cookie without throwing or granting', function () {
    // A thousand real cookie writes and reads: seconds on a busy machine, not a measure of speed.
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.string({ unit: 'binary', maxLength: 300 })), (raw) => {
        // Whatever a tracker, a proxy or a person writes: raw (possibly invalid percent-encoding) or encoded.
        // eslint-disable-next-line no-control-regex -- NUL cannot be written to document.cookie, so it is stripped
        const text = String(raw).replace(/[;\r\n\u0000]/g, '');
        document.cookie = `${NAME}=${text}; path=/`;
        const read = readCookie(NAME);
        expect(read.blocked).to.equal(false);
        const parsed = parseDecision(read.value, ctx);
        expect(isGenuine(parsed)).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });
});
