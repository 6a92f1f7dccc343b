// A valid consent record as the browser sends it, with a new id: for the receiver's tests and bench.
import { randomUUID } from 'node:crypto';

export function sampleRecord(patch = {}) {
  return {
    id: randomUUID(),
    ts: new Date().toISOString(),
    rev: '2025-09-01',
    granted: ['necessary', 'analytics'],
    denied: ['personalization', 'marketing'],
    method: 'custom',
    source: 'user',
    policyUrl: '/privacy',
    consentUrl: '/consent',
    lang: 'ru',
    pageUrl: 'https://integrus.ru/',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    ...patch,
  };
}
