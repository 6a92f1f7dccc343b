/**
 * Auto-blocking (`dist/browser/consent.autoblock.min.js`, docs/autoblock.md): tags of known services
 * (`catalogue/services.json`) whose category is not granted are turned into the gated form the gate
 * already understands (`type="text/plain"` + `data-consent` for scripts; every fetching attribute moved
 * to `data-<name>` for the rest), marked `data-consent-autoblocked="<service id>"`, so the gate runs them
 * once, in document order, when their category is granted.
 *
 * One interception layer, patched once per realm (this window, and each same-origin frame or popup as
 * it appears), that every door goes through:
 * - `check(el)`: would this element fetch from a service not granted (every element that fetches,
 *   every script type a browser runs, SVG `href`, `srcset`, `srcdoc`)? The catalogue classifies URLs.
 * - `guard(el, attribute, value)`: every way of writing an attribute (properties, `setAttribute*`,
 *   `Attr` nodes, `NamedNodeMap`, SVG `baseVal`); a held script's `type` stays `text/plain`.
 * - `scan(node)`: every way of inserting a node (`Node`, `ChildNode` of elements, text and comments,
 *   `ParentNode`, `Range`), and what `cloneNode`, `importNode` and `adoptNode` return;
 *   `clean(html)`: every HTML string (innerHTML, outerHTML,
 *   insertAdjacentHTML, setHTMLUnsafe, document.write, execCommand('insertHTML'),
 *   createContextualFragment, srcdoc), parsed inert and serialised back only when it held something.
 * - a MutationObserver per document (and per open shadow root the parser fills): its callback runs
 *   before the parser prepares each script.
 * Nodes are told apart by `nodeType`/`localName`, never `instanceof`, so nodes of another realm pass
 * through the same checks. The wrappers return what the originals return and throw what they throw;
 * a failure of our own check is logged and the page's call goes on. DOM, no lit.
 */
import { LOG_PREFIX } from '../core/util.js';
import { serviceForUrl } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { contains } from '../core/builtins.js';
import { isScriptType } from './activate.js';

export const AUTOBLOCKED = 'data-consent-autoblocked';

/** Each element that fetches, and the attributes it fetches through (`href` stands for `xlink:href` too). */
const DOORS = new Map<string, readonly string[]>([
  ['script', ['src', 'href']],
  ['img', ['src', 'srcset']],
  ['source', ['src', 'srcset']],
  ['image', ['href']],
  ['video', ['src', 'poster']],
  ['audio', ['src']],
  ['track', ['src']],
  ['input', ['src']],
  ['object', ['data']],
  ['embed', ['src']],
  ['iframe', ['src', 'srcdoc']],
  ['frame', ['src']],
  ['link', ['href', 'imagesrcset']],
]);
const SELECTOR = [...DOORS.keys()].join(',');
/** A quick look before parsing an HTML string: does it name any of those elements? */
const MAY_FETCH = new RegExp(`<(${[...DOORS.keys()].join('|')}|template)[\\s/>]`, 'i');
/** Property setters that write a fetching attribute: [interface, property, attribute]. */
const PROPERTIES: ReadonlyArray<readonly [string, string, string]> = [
  ['HTMLScriptElement', 'src', 'src'], ['HTMLScriptElement', 'type', 'type'],
  ['HTMLImageElement', 'src', 'src'], ['HTMLImageElement', 'srcset', 'srcset'],
  ['HTMLSourceElement', 'src', 'src'], ['HTMLSourceElement', 'srcset', 'srcset'],
  ['HTMLMediaElement', 'src', 'src'], ['HTMLVideoElement', 'poster', 'poster'], ['HTMLTrackElement', 'src', 'src'],
  ['HTMLInputElement', 'src', 'src'], ['HTMLObjectElement', 'data', 'data'], ['HTMLEmbedElement', 'src', 'src'],
  ['HTMLIFrameElement', 'src', 'src'], ['HTMLIFrameElement', 'srcdoc', 'srcdoc'], ['HTMLFrameElement', 'src', 'src'],
  ['HTMLLinkElement', 'href', 'href'], ['HTMLLinkElement', 'imageSrcset', 'imagesrcset'],
];
/** Elements whose content is text, not HTML: their innerHTML is left alone. */
const RAW_TEXT = /^(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)$/;

export interface AutoblockOptions {
  /** Is this service of this category granted right now? Before the core runs, nothing is. */
  isGranted(category: string, service: string): boolean;
  /** The service an address belongs to; the catalogue's `serviceForUrl` unless given (tests). */
  match?(url: string, base: string): Service | null;
  /** Called the first time a tag of a service is seen. */
  onFound?(service: Service): void;
}

export interface Autoblocker {
  /** Ids of the known services whose tags this page inserted (held back or, when granted, let through). */
  readonly found: ReadonlySet<string>;
  /** Disconnects the observers and restores every patched prototype in every realm (tests, or a second copy). */
  stop(): void;
}

type Realm = Window & typeof globalThis;
type Patch = [target: object, key: string, descriptor: PropertyDescriptor];
type Method = (...args: unknown[]) => unknown;

const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && typeof (x as Node).nodeType === 'number';
const isElement = (x: unknown): x is Element => isNode(x) && x.nodeType === 1;
/** An attribute name as the doors compare it: lower case, `xlink:href` → `href`. */
const attributeName = (name: unknown): string => String(name).toLowerCase().replace(/^xlink:/, '');

export function startAutoblock(win: Realm, options: AutoblockOptions): Autoblocker {
  const found = new Set<string>();
  const match = options.match ?? serviceForUrl;
  const patches: Patch[] = [];
  const observers: MutationObserver[] = [];
  const realms = new WeakSet<object>();
  const unlisten: Array<() => void> = [];
  // This realm's originals, captured before any patch; they work on nodes of every same-origin realm.
  const E = win.Element.prototype;
  const getAttr = E.getAttribute;
  const setAttr = E.setAttribute;
  const removeAttr = E.removeAttribute;
  const selectAll: Record<number, (this: unknown, s: string) => NodeListOf<Element>> = {
    1: E.querySelectorAll,
    9: win.Document.prototype.querySelectorAll,
    11: win.DocumentFragment.prototype.querySelectorAll,
  };
  const innerHtml = Object.getOwnPropertyDescriptor(E, 'innerHTML')!;
  const frameSrc = Object.getOwnPropertyDescriptor(win.HTMLIFrameElement.prototype, 'src')?.set;
  const frameWindow = Object.getOwnPropertyDescriptor(win.HTMLIFrameElement.prototype, 'contentWindow')?.get;
  const inertDoc = win.document.implementation.createHTMLDocument('');
  /** The owner element of each `attributes` map handed out (NamedNodeMap has no way back). */
  const owners = new WeakMap<object, Element>();

  const get = (el: Element, name: string): string | null => getAttr.call(el, name);
  const set = (el: Element, name: string, value: string): void => setAttr.call(el, name, value);
  // Plain loops and index writes from here on: a page may have replaced `Array.from`, `includes`,
  // `map`, `forEach`, `push` or the array iterator before the drop-in loaded.
  const all = (root: Node, selector: string): Element[] => {
    const select = selectAll[root.nodeType];
    const list: Element[] = [];
    const found = select ? select.call(root, selector) : [];
    for (let i = 0; i < found.length; i += 1) list[i] = found[i] as Element;
    return list;
  };
  const each = <T>(list: ArrayLike<T>, fn: (x: T) => void): void => {
    for (let i = 0; i < list.length; i += 1) fn(list[i] as T);
  };
  const report = (what: string, error: unknown): void =>
    console.error(`${LOG_PREFIX} Auto-blocking could not check ${what} (${String(error)}); the page's call goes on.`);

  /** The known service of an address when its category is not granted; notes every service seen. */
  const blockedUrl = (url: string, base: string): Service | null => {
    const service = match(url, base);
    if (!service) return null;
    if (!found.has(service.id)) {
      found.add(service.id);
      options.onFound?.(service);
    }
    return options.isGranted(service.category, service.id) ? null : service;
  };

  /**
   * Would `el` (with attribute `name` set to `value`, when given) fetch from a service not granted?
   * The service, or `null`.
   */
  const check = (el: Element, name?: string, value?: string | null): Service | null => {
    const tag = el.localName;
    const doors = DOORS.get(tag);
    if (!doors) return null;
    const read = (attr: string): string | null =>
      attr === name ? value ?? null : attr === 'href' ? get(el, 'href') ?? get(el, 'xlink:href') : get(el, attr);
    if (tag === 'script' && !isScriptType(read('type'), read('language'))) return null;
    // Elements of an HTML string being cleaned (or parsed apart) live in a document without a window:
    // their addresses are this page's.
    const doc = el.ownerDocument;
    const base = doc.defaultView ? doc.baseURI : win.document.baseURI;
    for (let i = 0; i < doors.length; i += 1) {
      const attr = doors[i] as string;
      const v = read(attr);
      if (v === null) continue;
      if (attr === 'srcdoc') {
        const inner = clean(v, true);
        if (inner) return inner.service;
        continue;
      }
      // A srcset's candidates: the address before the first space of each comma-separated part.
      const urls = attr.endsWith('srcset') ? v.split(',') : [v];
      for (let j = 0; j < urls.length; j += 1) {
        const url = attr.endsWith('srcset') ? ((urls[j] as string).trim().split(/\s+/)[0] ?? '') : (urls[j] as string);
        const service = url ? blockedUrl(url, base) : null;
        if (service) return service;
      }
    }
    return null;
  };

  /** Is this a script we hold back (`type="text/plain"`, marked)? */
  const heldScript = (el: Element): boolean => el.localName === 'script' && get(el, AUTOBLOCKED) !== null && get(el, 'type') === 'text/plain';

  /** Turns `el` into the gated form for `service`. Scripts keep `src` (a `text/plain` script fetches nothing). */
  const hold = (el: Element, service: Service): void => {
    if (el.localName === 'script') {
      if (!heldScript(el)) {
        const type = get(el, 'type');
        if (type === null) removeAttr.call(el, 'data-type');
        else set(el, 'data-type', type);
        set(el, 'type', 'text/plain');
      }
    } else {
      const doors = DOORS.get(el.localName) ?? [];
      for (let i = 0; i < doors.length; i += 1) {
        const attr = doors[i] as string;
        const reals = attr === 'href' ? ['href', 'xlink:href'] : [attr];
        for (let j = 0; j < reals.length; j += 1) {
          const real = reals[j] as string;
          const v = get(el, real);
          if (v === null) continue;
          set(el, `data-${attr}`, v);
          removeAttr.call(el, real);
        }
      }
      // A connected frame is already navigating: send it to about:blank, as the gate does on withdrawal.
      if (el.localName === 'iframe' && el.isConnected) {
        frameSrc?.call(el, 'about:blank');
        removeAttr.call(el, 'src');
      }
    }
    if (get(el, 'data-consent') === null) set(el, 'data-consent', service.category);
    set(el, AUTOBLOCKED, service.id);
  };

  /**
   * Before attribute `name` of `el` becomes `value`: true to let the write go on. A fetching attribute
   * of a service not granted is held back as `data-<name>` (a script is held and keeps it); a held
   * script's new `type` goes to `data-type`.
   */
  const guard = (el: unknown, rawName: unknown, value: unknown): boolean => {
    try {
      if (!isElement(el)) return true;
      const doors = DOORS.get(el.localName);
      const name = attributeName(rawName);
      if (!doors) return true;
      const v = value === null || value === undefined ? null : String(value);
      if (el.localName === 'script') {
        if (name !== 'type' && name !== 'language' && !contains(doors, name)) return true;
        const service = check(el, name, v);
        if (!service) return true;
        hold(el, service);
        if (name !== 'type') return true;
        if (v === null) removeAttr.call(el, 'data-type');
        else set(el, 'data-type', v);
        return false;
      }
      if (!contains(doors, name)) return true;
      const service = check(el, name, v);
      if (!service) return true;
      hold(el, service);
      if (v !== null) set(el, `data-${name}`, v);
      return false;
    } catch (error) {
      report('an attribute', error);
      return true;
    }
  };

  /** After an attribute was removed: a held script whose `type` went away gets `text/plain` back. */
  const rehold = (el: unknown, wasHeld: boolean): void => {
    if (!wasHeld || !isElement(el) || get(el, 'type') === 'text/plain') return;
    const type = get(el, 'type');
    if (type === null) removeAttr.call(el, 'data-type');
    else set(el, 'data-type', type);
    set(el, 'type', 'text/plain');
  };

  /**
   * Holds back every fetching element in `node`, about to be inserted; frames found go to `frames`
   * (their realms are patched once inserted). A connected script inserted by code has already started
   * (left alone); one the parser just inserted (`parsed`) has not: the parser prepares it next.
   */
  const scan = (node: unknown, frames: Element[], scripts = true, parsed = false): void => {
    try {
      if (!isNode(node) || (node.nodeType !== 1 && node.nodeType !== 11)) return;
      const visit = (el: Element): void => {
        const tag = el.localName;
        if (tag === 'script' && (!scripts || (!parsed && el.isConnected))) return;
        const service = check(el);
        if (service) hold(el, service);
        if (tag === 'iframe') frames.push(el);
      };
      if (isElement(node) && DOORS.has(node.localName)) visit(node);
      each(all(node, SELECTOR), visit);
    } catch (error) {
      report('an element', error);
    }
  };

  /**
   * HTML with every fetching tag of a service not granted held back (inside templates and `srcdoc`
   * too), parsed in an inert document; `null` when it holds none (the page's string then goes on as it
   * was). `scripts`: whether scripts in it would run (document.write) or not (innerHTML).
   */
  function clean(html: string, scripts: boolean): { html: string; service: Service } | null {
    if (!MAY_FETCH.test(html)) return null;
    const template = inertDoc.createElement('template');
    innerHtml.set!.call(template, html);
    let first: Service | null = null;
    const visit = (root: DocumentFragment): void => {
      each(all(root, `${SELECTOR},template`), (el) => {
        if (el.localName === 'template') visit((el as HTMLTemplateElement).content);
        else if (scripts || el.localName !== 'script') {
          const service = check(el);
          if (service) hold(el, service);
          first ??= service;
        }
      });
    };
    visit(template.content);
    return first ? { html: innerHtml.get!.call(template) as string, service: first } : null;
  }
  /** The page's HTML argument, cleaned when it held something (else the very value, TrustedHTML and all). */
  const cleanArg = (value: unknown, scripts: boolean): unknown => {
    try {
      return clean(String(value), scripts)?.html ?? value;
    } catch (error) {
      report('an HTML string', error);
      return value;
    }
  };

  /** Patches the realm of a same-origin frame or window, once; a cross-origin one throws and is skipped. */
  const adopt = (w: unknown): void => {
    try {
      if (w) patchRealm(w as Realm);
    } catch {
      /* cross-origin: its own document is out of reach (docs/autoblock.md, "Limits") */
    }
  };
  const adoptFrame = (frame: Element): void => adopt(frameWindow?.call(frame));

  /** A document and the open shadow roots the parser fills: held back before the parser runs a script. */
  const watch = (w: Realm, target: Node): void => {
    const observer = new w.MutationObserver((records) => {
      each(records, (record) => each(record.addedNodes, (node) => {
        if (!isElement(node)) return;
        // Scripts only while the document parses: one inserted another way has already started.
        const frames: Element[] = [];
        scan(node, frames, node.ownerDocument.readyState === 'loading', true);
        // A declarative shadow root (<template shadowrootmode="open">) is filled by the parser.
        const shadow = node.shadowRoot;
        if (shadow) {
          each(shadow.children, (el) => scan(el, frames, node.ownerDocument.readyState === 'loading', true));
          observer.observe(shadow, { childList: true, subtree: true });
        }
        each(frames, adoptFrame);
      }));
    });
    observer.observe(target, { childList: true, subtree: true });
    observers.push(observer);
  };

  function patchRealm(w: Realm): void {
    const proto = w.Node.prototype;
    if (realms.has(proto)) return;
    realms.add(proto);

    const patch = (target: object | undefined, key: string, make: (original: PropertyDescriptor) => PropertyDescriptor): void => {
      const original = target && Object.getOwnPropertyDescriptor(target, key);
      if (!target || !original) return;
      patches.push([target, key, original]);
      Object.defineProperty(target, key, { ...original, ...make(original) });
    };
    /** A method that inserts the nodes `pick(args)` chooses. */
    const inserts = (target: object | undefined, key: string, pick: (args: unknown[]) => unknown[]): void =>
      patch(target, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            const frames: Element[] = [];
            each(pick(args), (node) => scan(node, frames));
            const result = fn.apply(this, args);
            each(frames, adoptFrame);
            return result;
          },
        };
      });
    /** A method whose argument `index` is HTML. */
    const parses = (target: object | undefined, key: string, index: number, scripts: boolean, when: (self: unknown, args: unknown[]) => boolean = () => true): void =>
      patch(target, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            if (args.length > index && when(this, args)) args[index] = cleanArg(args[index], scripts);
            return fn.apply(this, args);
          },
        };
      });
    /** A method that writes attribute `name(args)` = `value(args)`; `skipped` is returned when held back. */
    const writes = (target: object | undefined, key: string, owner: (self: unknown) => unknown, name: (args: unknown[]) => unknown, value: (args: unknown[]) => unknown, skipped: unknown = undefined): void =>
      patch(target, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            return guard(owner(this), name(args), value(args)) ? fn.apply(this, args) : skipped;
          },
        };
      });
    /** A method that removes an attribute: a held script keeps `type="text/plain"`. */
    const removes = (target: object | undefined, key: string, owner: (self: unknown) => unknown): void =>
      patch(target, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            const el = owner(this);
            const wasHeld = isElement(el) && heldScript(el);
            const result = fn.apply(this, args);
            rehold(el, wasHeld);
            return result;
          },
        };
      });
    const self = (x: unknown): unknown => x;
    const ownerOf = (map: unknown): unknown => owners.get(map as object);
    const attrOwner = (attr: unknown): unknown => (attr as Attr | null)?.ownerElement;
    const attrName = (args: unknown[]): unknown => (args[0] as Attr | null)?.name;
    const attrValue = (args: unknown[]): unknown => (args[0] as Attr | null)?.value;

    // ---- attributes: properties, methods, Attr nodes, NamedNodeMap, SVG baseVal ----------------------
    for (const [name, property, attribute] of PROPERTIES) {
      patch((w as unknown as Record<string, { prototype?: object } | undefined>)[name]?.prototype, property, (original) => ({
        set(this: Element, value: unknown) {
          if (guard(this, attribute, value)) original.set!.call(this, value);
        },
        get(this: Element) {
          const value = original.get!.call(this) as unknown;
          if (attribute === 'type') return value;
          // Held back: the page still reads the address it set.
          const held = value === '' && get(this, AUTOBLOCKED) !== null ? get(this, `data-${attribute}`) : null;
          if (held === null || attribute === 'srcdoc' || attribute.endsWith('srcset')) return held ?? value;
          try {
            return new URL(held, this.ownerDocument.baseURI).href;
          } catch {
            return held;
          }
        },
      }));
    }
    const ElementProto = w.Element.prototype;
    writes(ElementProto, 'setAttribute', self, (a) => a[0], (a) => a[1]);
    writes(ElementProto, 'setAttributeNS', self, (a) => String(a[1]).split(':').pop(), (a) => a[2]);
    writes(ElementProto, 'setAttributeNode', self, attrName, attrValue, null);
    writes(ElementProto, 'setAttributeNodeNS', self, attrName, attrValue, null);
    writes(w.NamedNodeMap.prototype, 'setNamedItem', ownerOf, attrName, attrValue, null);
    writes(w.NamedNodeMap.prototype, 'setNamedItemNS', ownerOf, attrName, attrValue, null);
    for (const key of ['removeAttribute', 'removeAttributeNS', 'removeAttributeNode', 'toggleAttribute']) removes(ElementProto, key, self);
    for (const key of ['removeNamedItem', 'removeNamedItemNS']) removes(w.NamedNodeMap.prototype, key, ownerOf);
    patch(ElementProto, 'attributes', (original) => ({
      get(this: Element) {
        const map = original.get!.call(this) as NamedNodeMap;
        owners.set(map, this);
        return map;
      },
    }));
    // attr.value = …, attr.nodeValue = …, attr.textContent = …
    for (const [target, key] of [[w.Attr.prototype, 'value'], [proto, 'nodeValue'], [proto, 'textContent']] as const) {
      patch(target, key, (original) => ({
        set(this: Node, value: unknown) {
          if (this.nodeType !== 2 || guard(attrOwner(this), (this as Attr).name, value)) original.set!.call(this, value);
        },
      }));
    }
    // <svg><script>.href.baseVal = …: the animated string does not know its element; its getter tells us.
    const animated = new WeakMap<object, Element>();
    for (const name of ['SVGScriptElement', 'SVGImageElement']) {
      patch((w as unknown as Record<string, { prototype?: object } | undefined>)[name]?.prototype, 'href', (original) => ({
        get(this: Element) {
          const value = original.get!.call(this) as object;
          animated.set(value, this);
          return value;
        },
      }));
    }
    patch(w.SVGAnimatedString?.prototype, 'baseVal', (original) => ({
      set(this: object, value: unknown) {
        if (guard(animated.get(this), 'href', value)) original.set!.call(this, value);
      },
    }));

    // ---- insertion ---------------------------------------------------------------------------------
    const first = (args: unknown[]): unknown[] => [args[0]];
    const every = (args: unknown[]): unknown[] => args;
    inserts(proto, 'appendChild', first);
    inserts(proto, 'insertBefore', first);
    inserts(proto, 'replaceChild', first);
    for (const target of [ElementProto, w.Document.prototype, w.DocumentFragment.prototype]) {
      for (const key of ['append', 'prepend', 'replaceChildren']) inserts(target, key, every);
    }
    for (const target of [ElementProto, w.CharacterData.prototype, w.DocumentType.prototype]) {
      for (const key of ['before', 'after', 'replaceWith']) inserts(target, key, every);
    }
    inserts(ElementProto, 'insertAdjacentElement', (args) => [args[1]]);
    inserts(w.Range.prototype, 'insertNode', first);
    inserts(w.Range.prototype, 'surroundContents', first);
    // A copy or an adopted node that lands in a document with a browsing context loads its images
    // at once, inserted or not: what these return is held back before the image loader runs.
    for (const [target, key] of [[proto, 'cloneNode'], [w.Document.prototype, 'importNode'], [w.Document.prototype, 'adoptNode']] as const) {
      patch(target, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            const result = fn.apply(this, args);
            scan(result, []);
            return result;
          },
        };
      });
    }

    // ---- HTML strings --------------------------------------------------------------------------------
    const notRawText = (el: unknown): boolean => !isElement(el) || !RAW_TEXT.test(el.localName);
    for (const target of [ElementProto, w.ShadowRoot.prototype]) {
      patch(target, 'innerHTML', (original) => ({
        set(this: Element, value: unknown) {
          original.set!.call(this, notRawText(this) ? cleanArg(value, false) : value);
        },
      }));
      parses(target, 'setHTMLUnsafe', 0, false);
      parses(target, 'setHTML', 0, false);
    }
    patch(ElementProto, 'outerHTML', (original) => ({
      set(this: Element, value: unknown) {
        original.set!.call(this, notRawText(this.parentNode) ? cleanArg(value, false) : value);
      },
    }));
    parses(ElementProto, 'insertAdjacentHTML', 1, false, (el, args) =>
      notRawText(/^(beforebegin|afterend)$/i.test(String(args[0])) ? (el as Element).parentNode : el));
    parses(w.Document.prototype, 'execCommand', 2, false, (_el, args) => String(args[0]).toLowerCase() === 'inserthtml');
    parses(w.Range.prototype, 'createContextualFragment', 0, true);
    for (const key of ['write', 'writeln']) {
      patch(w.Document.prototype, key, (original) => {
        const fn = original.value as Method;
        return {
          value: function (this: unknown, ...args: unknown[]) {
            for (let i = 0; i < args.length; i += 1) args[i] = cleanArg(args[i], true);
            return fn.apply(this, args);
          },
        };
      });
    }

    // `new Audio(url)` sets `src` natively: built empty, then given `src` through the guarded setter.
    patch(w, 'Audio', (original) => {
      const Native = original.value as typeof Audio;
      const Wrapped = function Audio(src?: string): HTMLAudioElement {
        const el = new Native();
        if (src !== undefined) el.src = src;
        return el;
      } as unknown as typeof Audio;
      Wrapped.prototype = Native.prototype;
      return { value: Wrapped };
    });

    // ---- other realms: same-origin frames and popups as they appear --------------------------------
    for (const key of ['contentWindow', 'contentDocument']) {
      patch(w.HTMLIFrameElement.prototype, key, (original) => ({
        get(this: Element) {
          adoptFrame(this);
          return original.get!.call(this) as unknown;
        },
      }));
    }
    patch(w, 'open', (original) => {
      const fn = original.value as Method;
      return {
        value: function (this: unknown, ...args: unknown[]) {
          const opened = fn.apply(this, args);
          adopt(opened);
          return opened;
        },
      };
    });
    // A frame that navigated to another same-origin document has a new realm.
    const onLoad = (event: Event): void => {
      if (isElement(event.target) && event.target.localName === 'iframe') adoptFrame(event.target);
    };
    w.document.addEventListener('load', onLoad, true);
    unlisten.push(() => w.document.removeEventListener('load', onLoad, true));

    // ---- what the parser inserts -----------------------------------------------------------------
    watch(w, w.document);
    // Frames already in this document (parsed before it was patched).
    for (const frame of all(w.document, 'iframe')) adoptFrame(frame);
  }

  patchRealm(win);

  return {
    found,
    stop() {
      for (const observer of observers) observer.disconnect();
      for (const off of unlisten) off();
      for (const [target, key, descriptor] of patches.reverse()) Object.defineProperty(target, key, descriptor);
      patches.length = 0;
      observers.length = 0;
    },
  };
}
