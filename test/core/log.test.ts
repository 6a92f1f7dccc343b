import { expect } from '@open-wc/testing';
import { printer, sayer, useMessages } from '../../src/core/log.js';
import type { MessagesModule } from '../../src/core/log.js';
import * as messages from '../../src/signals/messages.js';
import { waitFor } from '../helpers/page.js';

/** Captures what the library prints (console.error/warn/info) until `restore()`. */
function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const originals = { error: console.error, warn: console.warn, info: console.info };
  for (const level of ['error', 'warn', 'info'] as const) {
    console[level] = (...args: unknown[]) => void lines.push(`${level}: ${args.map(String).join(' ')}`);
  }
  return { lines, restore: () => Object.assign(console, originals) };
}

describe('console messages: said now, worded when the words arrive', () => {
  it('prints nothing until the words arrive, then every message in the order said, with its console method', async () => {
    let arrive!: (module: MessagesModule) => void;
    let fetches = 0;
    useMessages(() => {
      fetches += 1;
      return new Promise<MessagesModule>((resolve) => (arrive = resolve));
    });
    const capture = captureConsole();
    try {
      sayer('error')('invalid', 'layout', 'diagonal', 'bar');
      printer('warn')('[IntegrusConsent] Consent record x not stored (worded by the record module).');
      sayer('info')('crawler', 'HeadlessChrome');
      sayer('warn')('twoCookies', 'integrus_consent');
      expect(capture.lines, 'nothing before the words').to.deep.equal([]);
      expect(fetches, 'fetched once').to.equal(1);
      arrive(messages);
      await waitFor(() => capture.lines.length === 4, 3000, 'the four messages');
      expect(capture.lines).to.deep.equal([
        'error: [IntegrusConsent] Invalid option "layout": "diagonal"; expected "bar", "box" or "modal". Using the default "bar".',
        'warn: [IntegrusConsent] Consent record x not stored (worded by the record module).',
        'info: [IntegrusConsent] This visitor looks like a crawler (the user agent contains "HeadlessChrome"): no banner, nothing optional granted. Set `bots: false` in IntegrusConsentConfig to show the banner to headless browsers (e.g. in your own end-to-end tests).',
        'warn: [IntegrusConsent] Two "integrus_consent" cookies (host and parent domain); asking again.',
      ]);
      // Once the words are here, a message prints at once.
      sayer('error')('on', 'consent:ready');
      expect(capture.lines.at(-1)).to.equal('error: [IntegrusConsent] on("consent:ready") expects a function.');
      // A value whose toString throws loses that message only.
      sayer('error')('push', { toString: () => { throw new Error('hostile'); } });
      sayer('error')('push', 42);
      expect(capture.lines.at(-1)).to.equal('error: [IntegrusConsent] IntegrusConsent.push expects functions, got 42; ignored.');
      expect(fetches).to.equal(1);
    } finally {
      capture.restore();
    }
  });
});
