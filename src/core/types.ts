/**
 * Public types of Integrus Consent (docs/contract.md §2, §4 and §6).
 * Nothing here touches the DOM; the UI and the drop-in import these types only.
 */

/** The category that always exists and is always granted. */
export const NECESSARY = 'necessary';

/** How a decision was made. */
export type DecisionMethod = 'accept-all' | 'reject-all' | 'custom';

/** What `consent:ready`, `consent:change` and `getState()` carry (docs/contract.md §4). */
export interface ConsentState {
  /** `false` until the first decision (and again after `reset()`). */
  decided: boolean;
  /** Every configured category; `necessary` is always `true`. */
  categories: Record<string, boolean>;
  granted: string[];
  denied: string[];
  /**
   * The services the visitor chose one by one (`{ youtube: true }`): a service listed here is granted
   * or denied whatever its category says; any other service follows its category. `{}` for a decision
   * made per category only (and for cookies of earlier versions). Read it with
   * `isGranted(category, service)`.
   */
  services: Record<string, boolean>;
  revision: string;
  /** Random UUID of the decision, `null` before one. */
  consentId: string | null;
  /** ISO 8601 time of the decision, `null` before one. */
  timestamp: string | null;
  method: DecisionMethod | null;
  /** On `consent:change` only: categories whose value changed (undecided counts as denied). */
  changed?: string[];
  /** On `consent:change` only: services whose own choice changed (set, cleared or flipped). */
  changedServices?: string[];
}

/** Detail of `consent:show` / `consent:hide`. */
export interface LayerEventDetail extends ConsentState {
  layer: 'banner' | 'preferences';
}

/** A named recipient of data shown under its category (policy 3.2). */
export interface Vendor {
  /** Stable id; the UI looks up a localized name under `vendors.<id>` and falls back to `name`. */
  id?: string;
  name: string;
  /** Link to the recipient's own privacy policy (http, https or relative only). */
  url?: string;
}

/** An optional category as the core knows it. */
export interface CategoryConfig {
  name: string;
  /** Cookie names or `*`-patterns cleared when the category is denied. */
  cookies: string[];
}

/**
 * A service the site declares under a category (`categories[].services`): it gets its own switch in
 * the preferences, and tags name it with `data-service="<id>"` (docs/contract.md §2).
 */
export interface DeclaredService {
  /** `^[a-z][a-z0-9_-]{0,63}$`; the UI looks up a translated name under `services.<id>.name`. */
  id: string;
  /** Shown when the texts have no `services.<id>.name`; defaults to the id. */
  name: string;
  /** Link to the service's privacy policy (http, https or relative only). */
  url?: string;
}

/** An optional category as the interface shows it: with its recipients and the services the site declares. */
export interface UiCategoryConfig extends CategoryConfig {
  vendors: Vendor[];
  services: DeclaredService[];
}

/** Who processes the data (shown in the preferences layer). */
export interface OperatorInfo {
  name: string;
  address?: string;
  inn?: string;
  ogrn?: string;
  email?: string;
}

/** Per-language overrides of locale keys: `{ ru: { banner: { title: '…' } } }` or dotted keys. */
export type TextOverrides = Record<string, Record<string, unknown>>;

/** `bar`: full width; `box`: a card in a corner; `modal`: a centred dialog that blocks the page until a choice. */
export type Layout = 'bar' | 'box' | 'modal';
/** `bottom`, `top` (bar); `bottom-right`, `bottom-left`, `top-right`, `top-left` (box); `center` (modal). */
export type Position = 'bottom' | 'top' | 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'center';
export type ButtonsLayout = 'inline' | 'stacked';
/** A site callback (docs/contract.md §4): gets a copy of the state; what it throws is logged, never breaks the library. */
export type ConsentCallback = (state: ConsentState) => void;

/** The site's callbacks, validated (functions only). */
export interface ConsentCallbacks {
  onFirstConsent: ConsentCallback | null;
  onConsent: ConsentCallback | null;
  onChange: ConsentCallback | null;
  /** Per category: `onAccept` and `onReject`. */
  categories: Record<string, { onAccept: ConsentCallback | null; onReject: ConsentCallback | null }>;
}

/** Options as a site writes them in `window.IntegrusConsentConfig` (all optional). */
export interface ConsentOptions {
  policyUrl?: string;
  /** The separate consent document; `false`: the site has none to link (no warning). */
  consentUrl?: string | null | false;
  operator?: Partial<OperatorInfo>;
  lang?: string | null;
  revision?: string | number;
  cookie?: {
    name?: string;
    domain?: string | null;
    /** Lifetime of an accept-all or custom decision, days (default 365). */
    expiresDays?: number;
    /** Lifetime of a reject-all decision, days (default 180, never longer than `expiresDays`). */
    rejectedExpiresDays?: number;
  };
  categories?: Array<string | {
    name: string;
    cookies?: string[];
    vendors?: Array<string | Vendor>;
    /** The site's own services in this category, each with its own switch: `"chat"` or `{ id, name, url }`. */
    services?: Array<string | { id: string; name?: string; url?: string }>;
    /** Called when the category becomes granted (at a decision, or on a page load that finds it granted). */
    onAccept?: ConsentCallback;
    /** Called when a granted category is withdrawn. */
    onReject?: ConsentCallback;
  }> | string;
  layout?: Layout;
  /** Where the layer sits: `bottom`/`top` for the bar, a corner for the box; the modal is centred. */
  position?: Position;
  /** `inline`: the three buttons in a row where they fit; `stacked`: one under another. */
  buttons?: ButtonsLayout;
  /** Once, at the visitor's first decision on this browser (not on later page loads). */
  onFirstConsent?: ConsentCallback;
  /** At every decision, and on every page load that finds a valid decision. */
  onConsent?: ConsentCallback;
  /** When an existing decision changes (`state.changed` lists the categories), or is reset. */
  onChange?: ConsentCallback;
  theme?: 'auto' | 'light' | 'dark';
  logEndpoint?: string | null;
  googleConsentMode?: boolean;
  respectGpc?: boolean;
  yandexMetricaIds?: Array<string | number>;
  reopenButton?: boolean;
  /** Reload the page when a category whose code already ran on it is withdrawn (default `true`). */
  reloadOnWithdraw?: boolean;
  /** `true` (default): crawlers see no banner; `false`: no detection; array: extra user-agent substrings. */
  bots?: boolean | string[];
  texts?: TextOverrides;
}

/** The core's configuration after validation: every field present and safe to use. */
export interface CoreConfig {
  policyUrl: string;
  consentUrl: string | null;
  lang: string | null;
  revision: string;
  cookie: { name: string; domain: string | null; expiresDays: number; rejectedExpiresDays: number };
  categories: CategoryConfig[];
  layout: Layout;
  /** Resolved for the layout: `bottom` for a bar, `bottom-right` for a box, `center` for the modal unless given. */
  position: Position;
  buttons: ButtonsLayout;
  /** The site's callbacks (not data-* attributes: functions come from the config object only). */
  callbacks: ConsentCallbacks;
  theme: 'auto' | 'light' | 'dark';
  logEndpoint: string | null;
  googleConsentMode: boolean;
  respectGpc: boolean;
  yandexMetricaIds: string[];
  reopenButton: boolean;
  reloadOnWithdraw: boolean;
  bots: boolean | string[];
}

/** The whole configuration, as the interface sees it (`ui/options.ts` adds the UI's options). */
export interface ConsentConfig extends CoreConfig {
  categories: UiCategoryConfig[];
  operator: OperatorInfo;
  texts: TextOverrides;
}

/** `window.IntegrusConsent` (docs/contract.md §4). */
export interface IntegrusConsentApi {
  getState(): ConsentState;
  /**
   * Is `category` granted? With `service` (a catalogue id such as `youtube`, or one the site declares):
   * is that service of the category granted, by its own choice or, without one, by its category's.
   */
  isGranted(category: string, service?: string): boolean;
  acceptAll(): ConsentState;
  rejectAll(): ConsentState;
  /**
   * Unspecified optional categories become denied. `services` (optional) are the service choices of
   * this decision (`{ youtube: true }`); without it every service follows its category again.
   */
  setCategories(choice: Record<string, boolean>, services?: Record<string, boolean>): ConsentState;
  /**
   * Grants or denies services one by one (`{ youtube: true }`), keeping the categories and the other
   * service choices as they are: a custom decision. What a placeholder's button does.
   */
  setServices(choice: Record<string, boolean>): ConsentState;
  showBanner(): Promise<void>;
  showPreferences(): Promise<void>;
  hide(): Promise<void>;
  /** Forget the decision, clear optional cookies, show the banner. */
  reset(): ConsentState;
  setLanguage(lang: string): Promise<void>;
  on<K extends ConsentEventType>(type: K, listener: (event: DocumentEventMap[K]) => void): () => void;
  /** Resolves when (or if already) `category` (or that `service` of it) is granted. */
  whenGranted(category: string, service?: string): Promise<ConsentState>;
  /**
   * Gates the tags inside `root` as well: a shadow root (or an element) the document's own lookups
   * cannot see into. Its `data-consent` scripts, iframes and images activate once granted and embeds
   * revert on withdrawal, exactly like the document's. Returns the function that stops watching it.
   * Anything but a ShadowRoot, an Element or this document logs an error and observes nothing.
   *
   * ```js
   * class MyWidget extends HTMLElement {
   *   connectedCallback() { this.unobserve = IntegrusConsent.observe(this.attachShadow({ mode: 'open' })); }
   *   disconnectedCallback() { this.unobserve?.(); }
   * }
   * ```
   */
  observe(root: ShadowRoot | Element | Document): () => void;
  /**
   * The self-audit (docs/autoblock.md): prints `console.table`s and resolves with the findings.
   * Set by the drop-ins, which fetch `consent-audit.min.js` from their own folder when it is called.
   */
  audit?(): Promise<AuditReport>;
  /** Resolves with the first state, once the stored decision (or its absence) is known. */
  readonly ready: Promise<ConsentState>;
  /**
   * Runs each function with the API once it is ready (at once, in a microtask, if it already is), in
   * order: the other end of the queue a page fills before the drop-in runs,
   * `(window.IntegrusConsent = window.IntegrusConsent || []).push((api) => …)` (docs/contract.md §4).
   */
  push(...callbacks: Array<QueuedCallback>): void;
  /** The resolved configuration of the core (the interface's own options are resolved when it loads). */
  readonly config: Readonly<CoreConfig>;
  readonly version: string;
}

/** A function queued on `window.IntegrusConsent`: called with the API once it is ready. */
export type QueuedCallback = (api: IntegrusConsentApi) => void;

/** What `IntegrusConsent.audit()` finds (docs/autoblock.md). */
export interface AuditReport {
  decision: {
    decided: boolean;
    method: DecisionMethod | null;
    timestamp: string | null;
    granted: string[];
    denied: string[];
    /** Is auto-blocking running on this page? */
    autoblocking: boolean;
    /** Catalogue services named by the site or found by auto-blocking. */
    services: string[];
  };
  /** Cookies present that no category's `cookies` list, service in use or the consent cookie covers. */
  undeclaredCookies: Array<{ cookie: string; service: string | null; category: string | null }>;
  /** Requests to catalogue hosts made before their category was granted (Resource Timing; ms since navigation). */
  requestsBeforeConsent: Array<{ url: string; service: string; category: string; initiator: string; startTime: number; decisionTime: number | null }>;
  /** Tags whose `data-consent` names a category the site does not configure. */
  unknownCategories: Array<{ tag: string; category: string }>;
  /** Live tags of catalogue services that nothing held back. */
  ungatedServices: Array<{ tag: string; service: string; category: string }>;
  /**
   * Tags of catalogue services (category not granted) that no script can hold back: fetched by the
   * preload scanner, CSS `url()`, inline code that fetches by itself, declarative shadow roots in the
   * HTML; each with `why` and the `fix` (docs/autoblock.md, "Limits").
   */
  outOfReach: Array<{ tag: string; service: string; category: string; why: string; fix: string }>;
}

/** The audit module's contract (`dist/browser/consent-audit.min.js`, `src/signals/audit.ts`). */
export interface AuditModule {
  runAudit(win: Window, api: IntegrusConsentApi): AuditReport;
}

export type ConsentEventType = 'consent:ready' | 'consent:change' | 'consent:show' | 'consent:hide';

declare global {
  interface DocumentEventMap {
    'consent:ready': CustomEvent<ConsentState>;
    'consent:change': CustomEvent<ConsentState>;
    'consent:show': CustomEvent<LayerEventDetail>;
    'consent:hide': CustomEvent<LayerEventDetail>;
  }
}

/** What the components see: the core's host with the whole configuration. */
export interface UiHost {
  api: IntegrusConsentApi;
  config: Readonly<ConsentConfig>;
  /** The optional categories (`config.categories` names), in display order. */
  categories: readonly string[];
  /** Language chosen by the core (`data-lang`, `<html lang>`, `navigator.languages`, `ru`). */
  lang: string;
  /**
   * The category Global Privacy Control refuses (`marketing`) when GPC is on and respected: accept-all
   * leaves it denied and its switch is disabled with the reason; `null` otherwise.
   */
  gpcCategory: string | null;
  subscribe(listener: (state: ConsentState) => void): () => void;
  /** The UI calls these when a layer opens or closes; the core dispatches the events. */
  notifyShown(layer: 'banner' | 'preferences'): void;
  notifyHidden(layer: 'banner' | 'preferences'): void;
  /**
   * Fetches the second part's file ahead of need without running it (the drop-in: a
   * `<link rel="modulepreload">`); the UI asks on idle once the banner is painted. Absent where the
   * bundler decides (the ES module build): the second part is then fetched on intent or need.
   */
  preloadDetails?(): void;
  /** Where to mount (defaults to `document.body`). */
  root: HTMLElement;
  /**
   * The options as merged from `IntegrusConsentConfig` and the `data-*` attributes, not yet validated:
   * the UI resolves its own options from them and tells what the site gave from a default.
   */
  options: Readonly<Record<string, unknown>>;
}

/**
 * What the core hands to the lazily loaded UI: its own configuration and the raw options, from which
 * the UI resolves its own (operator, vendors, texts). The UI renders state and sends intent back
 * through `api`.
 */
export interface CoreUiHost extends Omit<UiHost, 'config'> {
  config: Readonly<CoreConfig>;
}

/** The consent-record module the core imports when it needs it (`src/signals/consent-record.ts`). */
export type RecordModule = typeof import('../signals/consent-record.js');

/** The UI module's contract (`dist/browser/consent-ui.min.js`, `src/ui/index.ts`). */
export interface UiModule {
  mount(host: CoreUiHost): UiController;
}

export interface UiController {
  showBanner(): Promise<void>;
  showPreferences(): Promise<void>;
  hide(): Promise<void>;
  setLanguage(lang: string): Promise<void>;
  /** Render placeholders over gated iframes that are still blocked (loads the second part). */
  placeholders(frames: HTMLIFrameElement[]): void;
  /** Loads the second part (preferences, placeholders, re-open button) now; resolves once it is mounted. */
  preload(): Promise<void>;
  /**
   * What the visitor has been shown, synchronously, for the record of a decision: the texts in the
   * language on screen (after the site's overrides), the categories, their recipients and services;
   * null when no layer has been shown yet.
   */
  shown(): import('../signals/shown.js').ShownView | null;
}
