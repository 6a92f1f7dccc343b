/**
 * The first part of the interface (`dist/browser/consent-ui.min.js`), loaded by the core only when a layer must
 * show: the banner, lit and the active language's texts (a chunk of their own), without i18next: the
 * banner paints from the first layer's view of the texts (`texts.ts`). The second part (`details.ts`:
 * i18next, preferences, placeholders, re-open button) is run when needed or on intent to customise;
 * the drop-in fetches it without running it once the banner is on screen (`UiHost.preloadDetails`).
 * i18next then takes over every text.
 * Importing this module defines nothing; `mount()` defines the elements the first time it runs, puts
 * them in `host.root`, and returns the controller the core drives (`UiController` in core/types.ts).
 */
import { LOG_PREFIX } from '../core/util.js';
import { NECESSARY } from '../core/types.js';
import type { CoreUiHost, UiController, UiHost } from '../core/types.js';
import { resolveUiOptions } from './options.js';
import { ConsentBanner } from './banner.js';
import type { Layer, UiContext } from './context.js';
import { defineElements, TAGS, type Tag } from './define.js';
import type { Placeholders } from './details.js';
import { builtInTexts, firstLayerTexts, HandOverLocalizer, loadResources, type Localizer } from './texts.js';
import { yieldToPage } from './internal/yield.js';
import type { Service } from '../catalogue/catalogue.js';

export type { UiContext, Layer } from './context.js';
export type { ConsentBanner } from './banner.js';
export type { ConsentPreferences } from './preferences.js';
export type { ConsentPlaceholder } from './placeholder.js';
export type { ConsentReopenButton } from './reopen-button.js';

/** What the second part adds once it has loaded. */
interface Details {
  preferences: HTMLElementTagNameMap['integrus-consent-preferences'] | null;
  reopen: HTMLElementTagNameMap['integrus-consent-reopen-button'] | null;
  placeholders: Placeholders;
  /** The catalogue services in use on this page (the preferences declare them). */
  servicesInUse: () => Service[];
}

/** Runs `task` when the browser is idle (within a second), after the current frame has been painted. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 200);
}

/**
 * Mounts the interface for the core's host: the banner (first in `host.root`, so keyboard users reach
 * it first) once the texts are loaded; the preferences dialog and, with `reopenButton`, the floating
 * button when the second part has loaded. Nothing is shown until the core asks.
 */
export function mount(coreHost: CoreUiHost): UiController {
  // The core's host, with the whole configuration: the interface's own options are validated here.
  const hostname = coreHost.root.ownerDocument.defaultView?.location.hostname ?? '';
  const config = resolveUiOptions(coreHost.options, coreHost.config, (m) => console.error(m), hostname);
  const host = Object.create(coreHost, { config: { value: config, enumerable: true } }) as UiHost;
  const usable = defineElements([[TAGS.banner, ConsentBanner]]);
  const doc = host.root.ownerDocument;
  const open = new Set<Layer>();
  /** Every layer shown so far on this page: what a decision's record says was on screen. */
  const seen = new Set<Layer>();
  /** How many times the layers were closed: a `showPreferences()` that waited through one gives up. */
  let hides = 0;
  let details: Promise<Details | null> | null = null;
  /** The second part once mounted: from then on the controller acts on it synchronously. */
  let loaded: Details | null = null;
  /** The first part once its texts are loaded (the same as `ready` resolves to). */
  let first: { context: UiContext | null; banner: HTMLElementTagNameMap['integrus-consent-banner'] | null } | null = null;

  // i18next, with the second part: once, for the resources loaded for the page's language.
  let i18next: Promise<Localizer> | null = null;
  let handOver: HandOverLocalizer | null = null;
  const lang = (host.lang || 'ru').toLowerCase();

  // Three steps with the page's own work between them, none a long task (issue 17): this module's
  // evaluation and the options; the texts; the banner's first render. The banner paints from the
  // first layer's view of the texts; only when that cannot stand for i18next (a language without a
  // built-in locale, a text that is more than plain `{{name}}` placeholders) does it wait for i18next.
  const ready = yieldToPage().then(() => loadResources(lang, host.config.texts ?? {}, () => false)).then(async (resources) => {
    const loadI18next = (): Promise<Localizer> =>
      (i18next ??= import('./details.js').then(
        (module) => module.i18nextLocalizer(host.config.texts, lang, resources),
        (error: unknown) => {
          i18next = null;
          throw error;
        },
      ));
    const i18n = (handOver = new HandOverLocalizer(firstLayerTexts(lang, resources) ?? (await loadI18next()), loadI18next));
    await yieldToPage();
    const context: UiContext = {
      host,
      i18n,
      showPreferences: () => controller.showPreferences(),
      preloadDetails: () => void loadDetails(),
      layerChanged(layer, isOpen) {
        if (isOpen === open.has(layer)) return;
        if (isOpen) {
          open.add(layer);
          seen.add(layer);
          host.notifyShown(layer);
        } else {
          open.delete(layer);
          host.notifyHidden(layer);
        }
        // The attribute, not only the property: it takes effect now, before focus goes back to the button.
        loaded?.reopen?.toggleAttribute('open', open.size === 0);
      },
    };
    const banner = create(TAGS.banner, context);
    if (banner) host.root.prepend(banner);
    return (first = { context, banner });
  }, (error: unknown) => {
    console.error(`${LOG_PREFIX} The consent texts failed to load (${String(error)}); nothing is shown and nothing optional is granted.`);
    return (first = { context: null, banner: null });
  });

  function create<K extends Tag>(tag: K, context: UiContext): HTMLElementTagNameMap[K] | null {
    if (!usable.has(tag)) return null;
    const element = doc.createElement(tag);
    element.context = context;
    return element;
  }

  /** Imports the second part once; a failed import is reported and tried again on the next need. */
  function loadDetails(): Promise<Details | null> {
    details ??= Promise.all([ready, import('./details.js')])
      .then(async ([{ context }, module]) => {
        if (!context) return null;
        // i18next takes over the texts before anything of this part renders.
        await handOver?.i18next();
        // The catalogue's texts of the loaded languages, before the preferences first render.
        await context.i18n.extend(module.catalogueTexts(doc.defaultView));
        for (const warning of module.configWarnings(host, context.i18n, doc.defaultView?.location.hostname ?? '')) console.warn(warning);
        const reference = await builtInTexts(host.lang);
        for (const warning of module.unknownTextWarnings(host.config.texts, reference)) console.warn(warning);
        for (const tag of module.defineDetails()) usable.add(tag);
        const preferences = create(TAGS.preferences, context);
        const reopen = host.config.reopenButton ? create(TAGS.reopen, context) : null;
        if (preferences) host.root.append(preferences);
        if (reopen) {
          reopen.open = open.size === 0;
          host.root.append(reopen);
        }
        loaded = {
          preferences,
          reopen,
          placeholders: new module.Placeholders(context, usable.has(TAGS.placeholder)),
          servicesInUse: () => module.servicesInUse(doc.defaultView),
        };
        return loaded;
      })
      .catch((error: unknown) => {
        console.error(`${LOG_PREFIX} The consent settings failed to load (${String(error)}).`);
        details = null;
        return null;
      });
    return details;
  }

  if (host.config.reopenButton) whenIdle(() => void loadDetails());

  const controller: UiController = {
    async showBanner() {
      const { banner } = await ready;
      await banner?.show();
      // Once the banner is on screen (its entrance animation over, then idle): fetch the rest while the
      // visitor reads, without running it; it runs on intent to customise (pointer, focus, touch) or on
      // need. Nothing competes with the banner's own frames. Its animations are asked for after the
      // first frame, when its styles are computed: asking before would compute them inside this task.
      // Not when it is no longer wanted: the visitor decided meanwhile, or the second part is there.
      requestAnimationFrame(() => {
        const entrance = banner?.shadowRoot?.getAnimations().map((animation) => animation.finished) ?? [];
        void Promise.allSettled(entrance).then(() =>
          whenIdle(() => {
            if (banner?.open && !details) coreHost.preloadDetails?.();
          }));
      });
    },
    async showPreferences() {
      const asked = hides;
      const parts = loaded ?? (await loadDetails());
      // A decision taken while the second part was on its way (Customise, then Accept) closed the layers.
      if (hides === asked) await parts?.preferences?.show();
    },
    async hide() {
      hides += 1;
      // Synchronously once mounted: a decision closes the layers before the site's next line runs.
      const { banner } = first ?? (await ready);
      await Promise.all([loaded?.preferences?.hide(), banner?.hide()]);
    },
    async setLanguage(lang) {
      const { context, banner } = await ready;
      await context?.i18n.setLanguage(lang);
      const elements = [banner, loaded?.preferences, loaded?.reopen, ...doc.querySelectorAll(TAGS.placeholder)];
      await Promise.all(elements.map((element) => element?.updateComplete));
    },
    placeholders(frames) {
      if (loaded) loaded.placeholders.add(frames);
      else void loadDetails().then((parts) => parts?.placeholders.add(frames));
    },
    async preload() {
      await loadDetails();
    },
    shown() {
      const context = first?.context;
      if (!context || !seen.size) return null;
      // Plain data: the record module words it into the record's content (src/signals/shown.ts).
      const { host, i18n } = context;
      return {
        lang: i18n.language,
        layers: [...seen],
        texts: i18n.resolved(),
        operator: host.config.operator,
        categories: [NECESSARY, ...host.categories].map((name) => {
          const config = host.config.categories.find((c) => c.name === name);
          return { name, vendors: config?.vendors ?? [], cookies: config?.cookies ?? [] };
        }),
        services: loaded?.servicesInUse() ?? [],
      };
    },
  };
  return controller;
}
