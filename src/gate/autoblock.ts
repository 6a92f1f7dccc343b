/**
 * Auto-blocking (`dist/consent.autoblock.min.js`, docs/autoblock.md): tags of known services
 * (`catalogue/services.json`) whose category is not granted are turned into the gated form the gate
 * already understands (`type="text/plain"` + `data-consent`, `data-src` for iframes and images,
 * marked `data-consent-autoblocked="<service id>"`), so the gate runs them once, in document order,
 * when their category is granted. Must start synchronously, before the page's own tags:
 *
 * - parser-inserted tags: a MutationObserver, whose callback runs before the parser prepares a script;
 * - tags created by scripts: the `src` setters, `setAttribute`, the insertion methods of `Node`,
 *   `Element`, `Document` and `DocumentFragment`, and `innerHTML` / `outerHTML` /
 *   `insertAdjacentHTML` (iframes and images only: scripts written as HTML never run anyway).
 *
 * The wrappers return what the originals return and throw what they throw; a failure of our own check
 * is logged and the page's call goes on. DOM, no lit.
 */
import { LOG_PREFIX } from '../core/util.js';
import { serviceForUrl } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { JS_TYPES } from './activate.js';

export const AUTOBLOCKED = 'data-consent-autoblocked';
const EMBEDS = 'script[src],iframe[src],img[src]';

export interface AutoblockOptions {
  /** Is this category granted right now? Before the core runs, nothing is. */
  isGranted(category: string): boolean;
  /** The service an address belongs to; the catalogue's `serviceForUrl` unless given (tests). */
  match?(url: string, base: string): Service | null;
  /** Called the first time a tag of a service is seen. */
  onFound?(service: Service): void;
}

export interface Autoblocker {
  /** Ids of the known services whose tags this page inserted (held back or, when granted, let through). */
  readonly found: ReadonlySet<string>;
  /** Disconnects the observer and restores every patched prototype (tests, or a second copy). */
  stop(): void;
}

type Patch = [target: object, key: string, descriptor: PropertyDescriptor];

export function startAutoblock(win: Window & typeof globalThis, options: AutoblockOptions): Autoblocker {
  const doc = win.document;
  const found = new Set<string>();
  const match = options.match ?? serviceForUrl;
  const patches: Patch[] = [];
  const setAttr = win.Element.prototype.setAttribute;
  const removeAttr = win.Element.prototype.removeAttribute;
  const iframeSrc = Object.getOwnPropertyDescriptor(win.HTMLIFrameElement.prototype, 'src');

  /** The known service to hold `el` back for, when its category is not granted; else `null`. */
  const holdFor = (el: Element, url: string): Service | null => {
    if (el.hasAttribute('data-consent-activated') || el.hasAttribute(AUTOBLOCKED)) return null;
    if (el instanceof win.HTMLScriptElement) {
      const type = el.getAttribute('type') ?? '';
      // Already inert (the manual gated form, JSON, templates): not ours to touch.
      if (!JS_TYPES.test(type.trim())) return null;
    }
    const service = match(url, doc.baseURI);
    if (!service) return null;
    if (!found.has(service.id)) {
      found.add(service.id);
      options.onFound?.(service);
    }
    return options.isGranted(service.category) ? null : service;
  };

  /** Marks `el` as gated for `service`; scripts keep `src` (a `text/plain` script fetches nothing). */
  const mark = (el: Element, service: Service): void => {
    if (el instanceof win.HTMLScriptElement) {
      const type = el.getAttribute('type');
      if (type) setAttr.call(el, 'data-type', type);
      setAttr.call(el, 'type', 'text/plain');
    }
    if (!el.hasAttribute('data-consent')) setAttr.call(el, 'data-consent', service.category);
    setAttr.call(el, AUTOBLOCKED, service.id);
  };

  /** Holds back an element already carrying its `src` (parsed, or about to be inserted). */
  const neutralise = (el: Element): void => {
    const src = el.getAttribute('src');
    if (src === null) return;
    const service = holdFor(el, src);
    if (!service) return;
    mark(el, service);
    if (el instanceof win.HTMLScriptElement) return;
    setAttr.call(el, 'data-src', src);
    const srcset = el.getAttribute('srcset');
    if (srcset !== null) {
      setAttr.call(el, 'data-srcset', srcset);
      removeAttr.call(el, 'srcset');
    }
    // A connected iframe is already navigating: send it to about:blank, as the gate does on withdrawal.
    if (el instanceof win.HTMLIFrameElement && el.isConnected) iframeSrc?.set?.call(el, 'about:blank');
    removeAttr.call(el, 'src');
  };

  /** Every script, iframe and image in a node about to be inserted (connected ones already ran). */
  const scan = (node: unknown, scripts = true): void => {
    try {
      if (!(node instanceof win.Node) || node.isConnected) return;
      if (node instanceof win.Element && node.matches(EMBEDS)) neutralise(node);
      if (node instanceof win.Element || node instanceof win.DocumentFragment) {
        for (const el of Array.from(node.querySelectorAll(scripts ? EMBEDS : 'iframe[src],img[src]'))) neutralise(el);
      }
    } catch (error) {
      console.error(`${LOG_PREFIX} Auto-blocking could not check an element (${String(error)}).`);
    }
  };

  const patch = (target: object, key: string, make: (original: PropertyDescriptor) => PropertyDescriptor): void => {
    const original = Object.getOwnPropertyDescriptor(target, key);
    if (!original) return;
    patches.push([target, key, original]);
    Object.defineProperty(target, key, { ...original, ...make(original) });
  };
  /** Wraps a method: `check(this, args)` first, then the original with the same arguments. */
  const wrap = (target: object, key: string, check: (self: unknown, args: unknown[]) => void): void =>
    patch(target, key, (original) => {
      const fn = original.value as (...args: unknown[]) => unknown;
      return {
        value: function (this: unknown, ...args: unknown[]) {
          check(this, args);
          return fn.apply(this, args);
        },
      };
    });

  // ---- src: the property and the attribute ------------------------------------------------------
  for (const Element of [win.HTMLScriptElement, win.HTMLIFrameElement, win.HTMLImageElement]) {
    patch(Element.prototype, 'src', (original) => ({
      get(this: HTMLElement) {
        const value = original.get!.call(this) as string;
        // Held back: the page still reads the address it set.
        const held = !value && this.hasAttribute(AUTOBLOCKED) ? this.getAttribute('data-src') : null;
        return held === null ? value : new URL(held, doc.baseURI).href;
      },
      set(this: HTMLElement, value: unknown) {
        if (!heldSrc(this, value)) original.set!.call(this, value);
      },
    }));
  }
  /** `el.src = value`: true when held back as `data-src` (iframes, images); scripts are marked and keep `src`. */
  const heldSrc = (el: Element, value: unknown): boolean => {
    let service: Service | null = null;
    try {
      service = holdFor(el, String(value));
      if (!service) return false;
      mark(el, service);
      if (el instanceof win.HTMLScriptElement) return false;
      setAttr.call(el, 'data-src', String(value));
      return true;
    } catch (error) {
      console.error(`${LOG_PREFIX} Auto-blocking could not check an address (${String(error)}).`);
      return false;
    }
  };
  patch(win.Element.prototype, 'setAttribute', (original) => ({
    value: function (this: Element, name: unknown, value: unknown) {
      const isSrc = typeof name === 'string' && name.toLowerCase() === 'src';
      const embed = this instanceof win.HTMLScriptElement || this instanceof win.HTMLIFrameElement || this instanceof win.HTMLImageElement;
      if (isSrc && embed && heldSrc(this, value)) return undefined;
      return (original.value as typeof setAttr).call(this, name as string, value as string);
    },
  }));

  // ---- insertion ---------------------------------------------------------------------------------
  const first = (_self: unknown, args: unknown[]): void => scan(args[0]);
  const all = (_self: unknown, args: unknown[]): void => args.forEach((a) => scan(a));
  wrap(win.Node.prototype, 'appendChild', first);
  wrap(win.Node.prototype, 'insertBefore', first);
  wrap(win.Node.prototype, 'replaceChild', first);
  for (const proto of [win.Element.prototype, win.Document.prototype, win.DocumentFragment.prototype]) {
    for (const key of ['append', 'prepend', 'replaceChildren']) wrap(proto, key, all);
  }
  for (const key of ['before', 'after', 'replaceWith']) wrap(win.Element.prototype, key, all);
  wrap(win.Element.prototype, 'insertAdjacentElement', (_self, args) => scan(args[1]));

  // ---- HTML strings: scripts in them never run, iframes and images do load ----------------------
  // An iframe starts loading the moment it is connected, so HTML naming one is parsed in an inert
  // <template> first, held back there, then moved in. Other HTML goes to the original untouched.
  const insertBefore = win.Node.prototype.insertBefore;
  const replaceChildren = win.Element.prototype.replaceChildren;
  const setInnerHtml = Object.getOwnPropertyDescriptor(win.Element.prototype, 'innerHTML')?.set;
  const RAW_TEXT = /^(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)$/;
  const inert = (self: Element | ShadowRoot, html: unknown): DocumentFragment | null => {
    const name = self instanceof win.Element ? self.localName : '';
    if (!setInnerHtml || typeof html !== 'string' || !/<(iframe|img)[\s/>]/i.test(html) || RAW_TEXT.test(name)) return null;
    const template = doc.createElement('template');
    setInnerHtml.call(template, html);
    for (const el of Array.from(template.content.querySelectorAll('iframe[src],img[src]'))) neutralise(el);
    return template.content;
  };
  for (const proto of [win.Element.prototype, win.ShadowRoot.prototype]) {
    patch(proto, 'innerHTML', (original) => ({
      set(this: Element | ShadowRoot, value: unknown) {
        const fragment = inert(this, value);
        if (fragment) replaceChildren.call(this, fragment);
        else original.set!.call(this, value);
      },
    }));
  }
  patch(win.Element.prototype, 'outerHTML', (original) => ({
    set(this: Element, value: unknown) {
      const fragment = this.parentNode instanceof win.Element ? inert(this.parentNode, value) : null;
      if (fragment) {
        insertBefore.call(this.parentNode, fragment, this);
        this.remove();
      } else {
        original.set!.call(this, value);
      }
    },
  }));
  patch(win.Element.prototype, 'insertAdjacentHTML', (original) => ({
    value: function (this: Element, position: string, html: string) {
      const where = String(position).toLowerCase();
      const outside = where === 'beforebegin' || where === 'afterend';
      const parent = this.parentNode;
      const fragment = !outside || parent instanceof win.Element ? inert(outside ? (parent as Element) : this, html) : null;
      if (!fragment || !/^(beforebegin|afterbegin|beforeend|afterend)$/.test(where)) {
        return (original.value as Element['insertAdjacentHTML']).call(this, position as InsertPosition, html);
      }
      if (where === 'beforebegin') insertBefore.call(parent, fragment, this);
      else if (where === 'afterend') insertBefore.call(parent, fragment, this.nextSibling);
      else insertBefore.call(this, fragment, where === 'afterbegin' ? this.firstChild : null);
      return undefined;
    },
  }));

  // ---- what the parser inserts ---------------------------------------------------------------------
  // Runs before the parser prepares each script (HTML's microtask checkpoint before a script end tag).
  const observer = new win.MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof win.Element)) continue;
        // Scripts only while the parser runs: one inserted another way has already started.
        const selector = doc.readyState === 'loading' ? EMBEDS : 'iframe[src],img[src]';
        if (node.matches(selector)) neutralise(node);
        for (const el of Array.from(node.querySelectorAll(selector))) neutralise(el);
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });

  return {
    found,
    stop() {
      observer.disconnect();
      for (const [target, key, descriptor] of patches.reverse()) Object.defineProperty(target, key, descriptor);
      patches.length = 0;
    },
  };
}
