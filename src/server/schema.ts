/**
 * The consent record's JSON Schema (the contract: docs/records.md, "The record") and its validator.
 * One schema for the browser's record, the receiver and the stores; checked with Ajv, not by hand.
 * Ajv is imported only when a validator is made, so `readConsentCookie` users do not load it.
 */
import type { ConsentRecord } from '../signals/consent-record.js';

export type { ConsentRecord } from '../signals/consent-record.js';

/** JSON Schema (draft-07 keywords, valid as 2020-12 too) of one record as the browser sends it. */
export const RECORD_SCHEMA = {
  $id: 'https://integrus.ru/schemas/consent-record.json',
  title: 'Integrus Consent record',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'ts', 'rev', 'granted', 'denied', 'method', 'source', 'policyUrl', 'consentUrl', 'lang', 'pageUrl', 'userAgent'],
  properties: {
    id: {
      type: 'string',
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
      description: "the decision's id, also in the cookie: a v4 UUID (no urn:uuid: prefix, not the nil UUID), kept in lower case",
    },
    ts: { type: 'string', format: 'date-time', maxLength: 40, description: "time of the decision (visitor's clock, UTC)" },
    rev: { type: 'string', minLength: 1, maxLength: 64, description: 'policy revision the visitor saw' },
    granted: {
      type: 'array',
      maxItems: 32,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 40 },
      contains: { const: 'necessary' },
    },
    denied: { type: 'array', maxItems: 32, uniqueItems: true, items: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 40 } },
    method: { enum: ['accept-all', 'reject-all', 'custom', 'reset'] },
    source: { enum: ['user', 'gpc'] },
    gpc: { type: 'boolean', description: 'the browser sent Global Privacy Control (absent in records of earlier versions)' },
    policyUrl: { type: 'string', maxLength: 2048 },
    consentUrl: { type: ['string', 'null'], maxLength: 2048 },
    lang: { type: 'string', minLength: 1, maxLength: 35, description: 'language the texts were shown in' },
    pageUrl: { type: 'string', maxLength: 2048, description: 'page where the decision was made: origin and path, no query or fragment' },
    userAgent: { type: 'string', maxLength: 1024 },
    shown: {
      type: ['string', 'null'],
      pattern: '^[0-9a-f]{64}$',
      description: 'SHA-256 (hex) of shownContent: the texts, categories and recipients on the screen at the decision; null when no layer was shown (a decision through the JavaScript API); absent in records of earlier versions',
    },
    shownContent: {
      type: 'string',
      maxLength: 49152,
      description: 'the JSON text the digest `shown` is taken over (sent with the record; the receiver keeps each version once)',
    },
    replaces: {
      type: ['string', 'null'],
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
      description: 'the id of the decision this record changes or withdraws; null or absent for a first decision',
    },
    services: {
      type: 'object',
      additionalProperties: false,
      required: ['granted', 'denied'],
      description: 'services chosen one by one (any other follows its category); absent when there are none and in records of earlier versions',
      properties: {
        granted: { type: 'array', maxItems: 48, uniqueItems: true, items: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 } },
        denied: { type: 'array', maxItems: 48, uniqueItems: true, items: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 } },
      },
    },
  },
} as const;

/** Checks a parsed body; `errors` is a short, human-readable list when it is not a record. */
export type RecordValidator = (value: unknown) => { ok: true; record: ConsentRecord } | { ok: false; errors: string[] };

/** Compiles {@link RECORD_SCHEMA} once; the function it resolves with is cheap to call. */
export async function createRecordValidator(): Promise<RecordValidator> {
  const [{ default: Ajv }, { default: addFormats }] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const ajv = new Ajv({ allErrors: false, strict: true });
  addFormats(ajv, ['date-time']);
  const validate = ajv.compile<ConsentRecord>(RECORD_SCHEMA);
  return (value) => {
    if (!validate(value)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(record)'} ${e.message ?? 'is invalid'}`);
      return { ok: false, errors };
    }
    const error = inconsistency(value);
    if (error) return { ok: false, errors: [error] };
    const record = { ...value, id: value.id.toLowerCase() };
    if (typeof value.replaces === 'string') record.replaces = value.replaces.toLowerCase();
    return { ok: true, record };
  };
}

/**
 * What a schema cannot say, refused as the browser's own parser (src/core/decision.ts) refuses it:
 * a category both granted and denied, `reject-all` that grants more than `necessary`; and a lone
 * UTF-16 surrogate in any text, which no store can keep as sent (SQLite and PostgreSQL would write
 * U+FFFD, and the identical retry would then differ from what was kept).
 */
function inconsistency(record: ConsentRecord): string | null {
  const granted = new Set(record.granted);
  const both = record.denied.find((name) => granted.has(name));
  if (both) return `/denied "${both}" is also granted`;
  const service = record.services?.denied.find((name) => record.services?.granted.includes(name));
  if (service) return `/services/denied "${service}" is also granted`;
  if (record.method === 'reject-all' && record.granted.length !== 1) return '/granted reject-all grants only "necessary"';
  if (typeof record.replaces === 'string' && record.replaces.toLowerCase() === record.id.toLowerCase()) return '/replaces names the record itself';
  for (const [key, value] of Object.entries(record)) {
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && LONE_SURROGATE.test(text))) return `/${key} contains a lone UTF-16 surrogate`;
  }
  return null;
}

/** In a `u` regex a surrogate pair is one code point, so `\p{Cs}` matches only a lone half. */
const LONE_SURROGATE = /\p{Cs}/u;
