/**
 * Real pages for drop-in tests: each `openPage()` loads a document from the test server into an
 * iframe on the same origin (same cookies), with the built `dist/browser/consent.min.js` on it, exactly as
 * a site includes it. `reload()` reloads it like a visitor pressing F5.
 */
import type { ConsentState, IntegrusConsentApi } from '../../src/core/types.js';

export interface PageOptions {
  /** `window.IntegrusConsentConfig` (serialised as JSON; omit to leave it undefined). */
  config?: unknown;
  /** Raw JS for the config (when JSON cannot express it). */
  configScript?: string;
  /** `data-*` attributes of the drop-in tag as `dataset` keys (`policyUrl` → `data-policy-url`). */
  attrs?: Record<string, string>;
  head?: string;
  body?: string;
  /** Put the drop-in tag after `body` instead of in the head. */
  scriptAtEnd?: boolean;
  /** The drop-in file in dist/browser/ (default `consent.min.js`; `consent.autoblock.min.js` for auto-blocking). */
  file?: string;
  /** Where the built files are served from (default `/dist/browser`; `/__fresh/<token>/dist/browser` for a URL no cache has seen). */
  dist?: string;
  /** Leave out the drop-in tag. */
  noDropIn?: boolean;
  /** `defer` on the drop-in tag (default true). */
  defer?: boolean;
  csp?: string;
  nonce?: string;
  lang?: string;
  /** Serve the page under this directory (`/sub/deeper` → `/sub/deeper/__page?id=…`) instead of at the root. */
  directory?: string;
}

export interface LoggedEvent {
  type: string;
  detail: ConsentState & { layer?: string };
}

export interface TestPage {
  frame: HTMLIFrameElement;
  readonly win: Window & { IntegrusConsent?: IntegrusConsentApi; __events: LoggedEvent[]; __console: Array<[string, string]>; __runs: string[] };
  readonly doc: Document;
  readonly api: IntegrusConsentApi;
  events(type?: string): LoggedEvent[];
  consoleMessages(kind?: 'error' | 'warn' | 'info' | 'pageerror'): string[];
  /**
   * The console messages of `kind` once one contains `text`: the core's messages print when their
   * words (`consent-messages.min.js`) have arrived, a few milliseconds after they are said.
   */
  consoleMessage(kind: 'error' | 'warn' | 'info', text: string): Promise<string[]>;
  reload(): Promise<void>;
  close(): void;
}

const escapeAttr = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function pageHtml(o: PageOptions): string {
  const nonce = o.nonce ? ` nonce="${o.nonce}"` : '';
  const attrs = Object.entries(o.attrs ?? {})
    .map(([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${escapeAttr(v)}"`)
    .join('');
  const config = o.configScript ?? (o.config === undefined ? '' : `window.IntegrusConsentConfig = ${JSON.stringify(o.config)};`);
  const tag = o.noDropIn ? '' : `<script src="${o.dist ?? '/dist/browser'}/${o.file ?? 'consent.min.js'}"${o.defer === false ? '' : ' defer'}${attrs}${nonce}></script>`;
  return `<!doctype html><html lang="${o.lang ?? 'ru'}"><head><meta charset="utf-8"><title>test page</title>
<script${nonce}>
window.__events = []; window.__console = []; window.__runs = [];
['consent:ready', 'consent:change', 'consent:show', 'consent:hide'].forEach(function (t) {
  document.addEventListener(t, function (e) { window.__events.push({ type: t, detail: JSON.parse(JSON.stringify(e.detail)) }); });
});
['error', 'warn', 'info'].forEach(function (k) {
  var orig = console[k];
  console[k] = function () { window.__console.push([k, Array.prototype.map.call(arguments, String).join(' ')]); orig.apply(console, arguments); };
});
window.addEventListener('error', function (e) { window.__console.push(['pageerror', String(e.message)]); });
${config}
</script>
${o.head ?? ''}${o.scriptAtEnd ? '' : tag}</head><body>${o.body ?? ''}${o.scriptAtEnd ? tag : ''}</body></html>`;
}

/** Stores the page on the test server and returns its URL (`/__page?id=…`). */
export async function pageUrl(o: PageOptions): Promise<string> {
  const response = await fetch('/__page', { method: 'POST', body: JSON.stringify({ html: pageHtml(o), csp: o.csp }) });
  return `${o.directory ?? ''}/__page?id=${await response.text()}`;
}

const open: HTMLIFrameElement[] = [];

export async function openPage(options: PageOptions = {}): Promise<TestPage> {
  const frame = document.createElement('iframe');
  frame.style.width = '1024px';
  frame.style.height = '700px';
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.src = await pageUrl(options);
  document.body.append(frame);
  open.push(frame);
  await loaded;
  const page: TestPage = {
    frame,
    get win() {
      return frame.contentWindow as TestPage['win'];
    },
    get doc() {
      return frame.contentDocument!;
    },
    get api() {
      const api = page.win.IntegrusConsent;
      if (!api) throw new Error('window.IntegrusConsent is missing on the test page');
      return api;
    },
    events: (type) => page.win.__events.filter((e) => !type || e.type === type),
    consoleMessages: (kind) => page.win.__console.filter(([k]) => !kind || k === kind).map(([, m]) => m),
    async consoleMessage(kind, text) {
      await waitFor(() => page.consoleMessages(kind).some((m) => m.includes(text)), 5000, `console.${kind} "${text}"`);
      return page.consoleMessages(kind);
    },
    async reload() {
      const again = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
      frame.contentWindow!.location.reload();
      await again;
    },
    close() {
      frame.remove();
    },
  };
  return page;
}

/** Removes every page opened by `openPage`. */
export function closePages(): void {
  for (const frame of open.splice(0)) frame.remove();
}

/** Deletes every cookie this origin can see (host-only and parent-domain copies). */
export function clearAllCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]!.trim();
    if (!name) continue;
    document.cookie = `${name}=; max-age=0; path=/`;
    document.cookie = `${name}=; max-age=0; path=/; domain=${location.hostname}`;
  }
}

/** Polls until `check` returns a truthy value (or throws after `timeout` ms). */
export async function waitFor<T>(check: () => T | Promise<T>, timeout = 3000, what = 'condition'): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    let value: T | undefined;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves after `ms` milliseconds, to prove that something did NOT happen in that time. */
export const settle = (ms = 150): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The consent cookie as the server would read it: `decodeURIComponent` of the raw value. */
export function consentCookie(name = 'integrus_consent'): string | undefined {
  const raw = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return raw === undefined ? undefined : decodeURIComponent(raw.slice(name.length + 1));
}
