/**
 * The ES module (`createConsent` from src/index.ts, docs/contract.md §8) prints the core's messages
 * too: their words come as a lazy chunk of its own.
 */
import { expect } from '@open-wc/testing';
import { createConsent } from '../../src/index.js';
import type { UiModule } from '../../src/core/types.js';
import { waitFor } from '../helpers/page.js';

describe('console messages: the ES module', () => {
  it('createConsent() with a bad option falls back at once and prints the exact message', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
    try {
      const api = createConsent({ layout: 'diagonal' as 'bar', consentUrl: false, bots: false }, {
        window: frame.contentWindow!,
        loadUI: () => new Promise<UiModule>(() => undefined),
      });
      expect(api.config.layout, 'the fallback, synchronously').to.equal('bar');
      await waitFor(() => errors.length > 0, 3000, 'the message');
      expect(errors).to.deep.equal(['[IntegrusConsent] Invalid option "layout": "diagonal"; expected "bar", "box" or "modal". Using the default "bar".']);
    } finally {
      console.error = original;
      frame.remove();
    }
  });
});
