import { expect } from '@open-wc/testing';
import { startAutoblock } from '../../src/gate/autoblock.js';
import type { Autoblocker } from '../../src/gate/autoblock.js';
import type { Service } from '../../src/catalogue/catalogue.js';
import { createGate } from '../../src/gate/gate.js';
import type { Gate } from '../../src/gate/gate.js';
import { settle, waitFor } from '../helpers/page.js';

type RunsWindow = Window & { __runs: string[] };
const runs = (): string[] => (window as unknown as RunsWindow).__runs;

/** A stand-in "tracker" on the test server: `/__script?name=tracker-…` is analytics, `…pixel…` marketing. */
const TRACKER: Service = { id: 'test-tracker', category: 'analytics', country: 'RU', hosts: [], cookies: [], storage: [] };
const PIXEL: Service = { id: 'test-pixel', category: 'marketing', country: 'RU', hosts: [], cookies: [], storage: [] };
const match = (url: string, base: string): Service | null => {
  const u = new URL(url, base);
  if (u.pathname !== '/__script' && u.pathname !== '/__page') return null;
  const name = u.searchParams.get('name') ?? u.searchParams.get('html') ?? '';
  return name.startsWith('tracker') ? TRACKER : name.includes('pixel') ? PIXEL : null;
};

let n = 0;
/** A fresh address each time, so Resource Timing tells whether this very one was requested. */
const url = (name: string): string => `/__script?name=${name}&n=${(n += 1)}`;
const requested = (address: string): boolean =>
  performance.getEntriesByType('resource').some((e) => e.name === new URL(address, location.href).href);

describe('auto-blocking (real DOM APIs, real requests, this document)', () => {
  let root: HTMLElement;
  let blocker: Autoblocker | undefined;
  let gate: Gate | undefined;
  const granted = new Set<string>();

  beforeEach(() => {
    (window as unknown as RunsWindow).__runs = [];
    granted.clear();
    root = document.createElement('div');
    document.body.append(root);
    blocker = startAutoblock(window, { isGranted: (c) => granted.has(c), match });
    gate = createGate(document, { categories: ['analytics', 'marketing'], isGranted: (c) => granted.has(c), warn: () => undefined });
  });
  afterEach(() => {
    blocker?.stop();
    gate?.disconnect();
    root.remove();
  });

  const grant = async (category: string): Promise<void> => {
    granted.add(category);
    await gate!.update();
    await settle();
  };

  it('createElement + src + appendChild: no request, no run; runs once when granted', async () => {
    const address = url('tracker-a');
    const script = document.createElement('script');
    script.src = address;
    const returned = root.appendChild(script);
    expect(returned, 'appendChild returns its argument').to.equal(script);
    expect(script.src, 'the page reads back the address it set').to.equal(new URL(address, location.href).href);
    await settle(300);
    expect(script.type).to.equal('text/plain');
    expect(script.getAttribute('data-consent-autoblocked')).to.equal('test-tracker');
    expect(runs()).to.deep.equal([]);
    expect(requested(address), 'requested before consent').to.equal(false);
    await grant('analytics');
    await waitFor(() => runs().length === 1);
    expect(runs()).to.deep.equal(['src:tracker-a']);
    await grant('analytics');
    await settle(200);
    expect(runs(), 'ran once').to.deep.equal(['src:tracker-a']);
  });

  it('setAttribute("src") + insertBefore, and each of append, prepend, before, after, replaceWith, insertAdjacentElement', async () => {
    const anchor = document.createElement('span');
    root.append(anchor);
    const make = (name: string, via: 'attribute' | 'property' = 'attribute'): HTMLScriptElement => {
      const s = document.createElement('script');
      if (via === 'attribute') s.setAttribute('src', url(name));
      else s.src = url(name);
      return s;
    };
    root.insertBefore(make('tracker-insertBefore'), anchor);
    root.append(make('tracker-append'), 'text');
    root.prepend(make('tracker-prepend', 'property'));
    anchor.before(make('tracker-before'));
    anchor.after(make('tracker-after'));
    const replaced = document.createElement('i');
    root.append(replaced);
    replaced.replaceWith(make('tracker-replaceWith'));
    expect(anchor.insertAdjacentElement('afterend', make('tracker-adjacent'))).to.be.instanceOf(HTMLScriptElement);
    const frag = document.createDocumentFragment();
    frag.append(make('tracker-fragment'));
    root.appendChild(frag);
    await settle(300);
    const held = Array.from(root.querySelectorAll('script'));
    expect(held).to.have.length(8);
    for (const s of held) expect(s.type, s.getAttribute('src')!).to.equal('text/plain');
    expect(runs()).to.deep.equal([]);
    expect(held.some((s) => requested(s.getAttribute('src')!)), 'a held script was requested').to.equal(false);
    await grant('analytics');
    await waitFor(() => runs().length === 8);
    expect([...runs()].sort()).to.deep.equal(held.map((s) => `src:${new URL(s.src).searchParams.get('name')}`).sort());
  });

  it('innerHTML and insertAdjacentHTML with an iframe and an image: nothing loads until granted', async () => {
    const frame = `/__page?html=pixel-frame-${(n += 1)}`;
    const image = url('pixel-image');
    root.innerHTML = `<p>ad</p><iframe src="${frame}" title="ad"></iframe>`;
    root.insertAdjacentHTML('beforeend', `<img src="${image}" alt="">`);
    await settle(400);
    const iframe = root.querySelector('iframe')!;
    const img = root.querySelector('img')!;
    expect(iframe.hasAttribute('src')).to.equal(false);
    expect(iframe.getAttribute('data-src')).to.equal(frame);
    expect(img.getAttribute('data-src')).to.equal(image);
    expect(requested(frame) || requested(image), 'requested before consent').to.equal(false);
    await grant('marketing');
    await waitFor(() => requested(image));
    expect(iframe.getAttribute('src')).to.equal(frame);
  });

  it('new Image().src of a tracker sends nothing', async () => {
    const image = url('pixel-beacon');
    const img = new Image();
    img.src = image;
    await settle(300);
    expect(requested(image)).to.equal(false);
    expect(img.getAttribute('data-src')).to.equal(image);
  });

  it('the manual type="text/plain" form keeps working beside it, and unknown addresses are left alone', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="analytics">window.__runs.push('manual')</script>`;
    const other = document.createElement('script');
    other.src = url('site-own');
    root.append(other);
    await waitFor(() => runs().includes('src:site-own'));
    expect(other.type).to.equal('');
    expect(runs()).to.deep.equal(['src:site-own']);
    await grant('analytics');
    await waitFor(() => runs().includes('manual'));
    expect(runs()).to.deep.equal(['src:site-own', 'manual']);
  });

  it('lets a granted category through natively and stop() restores the DOM', async () => {
    granted.add('analytics');
    const s = document.createElement('script');
    s.src = url('tracker-granted');
    root.append(s);
    await waitFor(() => runs().includes('src:tracker-granted'));
    expect(s.hasAttribute('data-consent-autoblocked')).to.equal(false);
    expect(blocker!.found.has('test-tracker')).to.equal(true);
    blocker!.stop();
    granted.clear();
    const after = document.createElement('script');
    after.src = url('tracker-after-stop');
    root.append(after);
    await waitFor(() => runs().includes('src:tracker-after-stop'));
  });
});
