import { expect } from '@open-wc/testing';
import { cleanup, mountUi } from '../helpers/ui.js';

// Runs in its own page: another script has taken one of the names before the UI mounts.
describe('guarded definitions', () => {
  afterEach(cleanup);

  it('reports a name taken by another script once, without throwing, and the rest still works', async () => {
    class Foreign extends HTMLElement {}
    customElements.define('integrus-consent-banner', Foreign);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    let mounted: Awaited<ReturnType<typeof mountUi>> | undefined;
    try {
      try {
        mounted = await mountUi();
      } catch (e) {
        // mountUi() itself insists on a banner; the library must not have thrown or rejected.
        if (!String(e).includes('did not add the banner')) throw e;
      }
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('integrus-consent-banner');
    expect(mounted).to.equal(undefined);
    const root = document.querySelector('.ui-root') as HTMLElement;
    const preferences = root.querySelector('integrus-consent-preferences');
    expect(root.querySelector('integrus-consent-banner')).to.equal(null);
    await preferences?.show();
    expect(preferences?.open).to.equal(true);
  });
});
