import { expect } from '@open-wc/testing';
import { createGate } from '../../src/gate/gate.js';
import { collect } from '../helpers/messages.js';
import type { Gate } from '../../src/gate/gate.js';
import { settle, waitFor } from '../helpers/page.js';

type RunsWindow = Window & { __runs: string[] };
const runs = (): string[] => (window as unknown as RunsWindow).__runs;

describe('gating engine (real scripts in this document)', () => {
  let root: HTMLElement;
  let gate: Gate | undefined;
  const granted = new Set<string>();
  const warnings: string[] = [];

  const start = (): Gate =>
    (gate = createGate(document, {
      categories: ['analytics', 'marketing', 'personalization'],
      isGranted: (c) => granted.has(c),
      warn: collect(warnings),
    }));

  beforeEach(() => {
    (window as unknown as RunsWindow).__runs = [];
    granted.clear();
    warnings.length = 0;
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    gate?.disconnect();
    root.remove();
  });

  it('keeps gated scripts inert until their category is granted, then runs them once in document order', async () => {
    root.innerHTML = `
      <script type="text/plain" data-consent="analytics" src="/__script?name=first&delay=200"></script>
      <script type="text/plain" data-consent="analytics">window.__runs.push('inline:second')</script>
      <script type="text/plain" data-consent="analytics" src="/__script?name=third"></script>
      <script type="text/plain" data-consent="analytics">window.__runs.push('inline:fourth')</script>`;
    const g = start();
    await g.update();
    await settle();
    expect(runs()).to.deep.equal([]);
    granted.add('analytics');
    await g.update();
    expect(runs()).to.deep.equal(['src:first', 'inline:second', 'src:third', 'inline:fourth']);
    await g.update();
    await settle();
    expect(runs()).to.have.length(4, 'a second update runs nothing again');
  });

  it('requires every category named in data-consent', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="analytics marketing">window.__runs.push('both')</script>`;
    const g = start();
    granted.add('analytics');
    await g.update();
    expect(runs()).to.deep.equal([]);
    granted.add('marketing');
    await g.update();
    expect(runs()).to.deep.equal(['both']);
  });

  it('keeps async, defer, nonce, integrity, crossorigin and other attributes on the live script', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="analytics" src="/__script?name=attrs" async defer
      integrity="sha384-abc" crossorigin="anonymous" referrerpolicy="no-referrer" id="tag" data-extra="1"></script>`;
    (root.firstElementChild as HTMLScriptElement).nonce = 'n0nce';
    granted.add('analytics');
    const g = start();
    await g.update();
    const live = root.querySelector<HTMLScriptElement>('#tag')!;
    expect(live.type).to.equal('');
    expect(live.async).to.equal(true);
    expect(live.hasAttribute('defer')).to.equal(true);
    expect(live.getAttribute('integrity')).to.equal('sha384-abc');
    expect(live.getAttribute('crossorigin')).to.equal('anonymous');
    expect(live.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(live.dataset.extra).to.equal('1');
    expect(live.nonce).to.equal('n0nce');
    expect(live.hasAttribute('data-consent-activated')).to.equal(true);
  });

  it('runs a module script when data-type says so', async () => {
    root.innerHTML = `<script type="text/plain" data-type="module" data-consent="analytics">window.__runs.push(typeof import.meta)</script>`;
    granted.add('analytics');
    await start().update();
    await waitFor(() => runs().length === 1, 2000, 'the module to run');
    expect(runs()).to.deep.equal(['object']);
  });

  it('activates gated elements added later (MutationObserver)', async () => {
    granted.add('analytics');
    start();
    await settle(20);
    const late = document.createElement('script');
    late.type = 'text/plain';
    late.dataset.consent = 'analytics';
    late.text = "window.__runs.push('late')";
    root.append(late);
    await waitFor(() => runs().includes('late'), 2000, 'the late script');
    expect(runs()).to.deep.equal(['late']);
  });

  it('loads iframes and images from data-src on grant and unloads iframes on withdrawal', async () => {
    root.innerHTML = `<iframe data-consent="marketing" data-src="/__page?html=embed" title="embed"></iframe>
      <img data-consent="marketing" data-src="/__script?name=img" alt="">`;
    const g = start();
    await g.update();
    const frame = root.querySelector('iframe')!;
    const img = root.querySelector('img')!;
    expect(frame.getAttribute('src')).to.equal(null);
    expect(img.getAttribute('src')).to.equal(null);
    expect(g.blockedFrames()).to.deep.equal([frame]);
    granted.add('marketing');
    await g.update();
    expect(frame.getAttribute('src')).to.equal('/__page?html=embed');
    expect(img.getAttribute('src')).to.equal('/__script?name=img');
    expect(g.blockedFrames()).to.deep.equal([]);
    granted.delete('marketing');
    await g.update();
    expect(frame.getAttribute('src')).to.equal('about:blank');
    expect(img.hasAttribute('src')).to.equal(false);
    expect(g.blockedFrames()).to.deep.equal([frame]);
  });

  it('refuses a javascript: data-src', async () => {
    root.innerHTML = `<iframe data-consent="marketing" data-src="javascript:parent.__runs.push('xss')" title="x"></iframe>`;
    granted.add('marketing');
    await start().update();
    await settle();
    expect(root.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    expect(runs()).to.deep.equal([]);
    expect(warnings.join()).to.contain('Refused data-src');
  });

  it('keeps elements naming an unknown category blocked and warns once per name', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="analytics spying">window.__runs.push('x')</script>
      <script type="text/plain" data-consent="spying">window.__runs.push('y')</script>`;
    granted.add('analytics').add('spying');
    const g = start();
    await g.update();
    await g.update();
    expect(runs()).to.deep.equal([]);
    expect(warnings.filter((w) => w.includes('"spying"'))).to.have.length(1);
  });

  it('treats necessary as always granted in data-consent', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="necessary">window.__runs.push('necessary')</script>`;
    await start().update();
    expect(runs()).to.deep.equal(['necessary']);
  });

  it('does not run a queued script whose category was withdrawn while earlier scripts loaded', async () => {
    root.innerHTML = `
      <script type="text/plain" data-consent="analytics" src="/__script?name=slow&delay=400"></script>
      <script type="text/plain" data-consent="marketing">window.__runs.push('marketing')</script>`;
    granted.add('analytics').add('marketing');
    const g = start();
    const running = g.update();
    await settle(50);
    granted.delete('marketing');
    await running;
    await settle(100);
    expect(runs()).to.deep.equal(['src:slow']);
    granted.add('marketing');
    await g.update();
    expect(runs()).to.deep.equal(['src:slow', 'marketing'], 'granted again, it runs');
  });

  it('keeps an element with an empty or comma-only data-consent blocked', async () => {
    root.innerHTML = `<script type="text/plain" data-consent="">window.__runs.push('empty')</script>
      <script type="text/plain" data-consent=" , ">window.__runs.push('commas')</script>`;
    granted.add('analytics').add('marketing').add('personalization');
    await start().update();
    await settle();
    expect(runs()).to.deep.equal([]);
  });

  it('does not hang on scripts that never fire load: nomodule, non-JS types (a type with parameters too), removed ones', async () => {
    root.innerHTML = `
      <script type="text/plain" data-consent="analytics" nomodule src="/__script?name=legacy"></script>
      <script type="text/plain" data-consent="analytics" data-type="text/x-template" src="/__script?name=template"></script>
      <script type="text/plain" data-consent="analytics" data-type="text/javascript; charset=utf-8" src="/__script?name=with-parameters"></script>
      <script type="text/plain" data-consent="analytics" id="gone" src="/__script?name=gone"></script>
      <script type="text/plain" data-consent="analytics">window.__runs.push('after')</script>`;
    granted.add('analytics');
    const g = start();
    root.querySelector('#gone')!.remove();
    await g.update();
    await waitFor(() => runs().includes('after'), 2000, 'the inline script after them');
    expect(runs()).to.deep.equal(['after']);
  });

  it('on withdrawal, an image loses srcset as well as src', async () => {
    root.innerHTML = `<img data-consent="marketing" data-src="/__script?name=a" data-srcset="/__script?name=b 2x" alt="">`;
    granted.add('marketing');
    const g = start();
    await g.update();
    const img = root.querySelector('img')!;
    expect(img.getAttribute('srcset')).to.equal('/__script?name=b 2x');
    granted.delete('marketing');
    await g.update();
    expect(img.hasAttribute('src')).to.equal(false);
    expect(img.hasAttribute('srcset')).to.equal(false);
  });
});
