/**
 * The UI module (`dist/consent-ui.min.js`), loaded by the core only when a layer must show.
 * Importing it defines nothing; `mount()` defines the elements the first time it runs, puts them
 * in `host.root`, and returns the controller the core drives (`UiController` in core/types.ts).
 */
import type { CoreUiHost, UiController, UiHost } from '../core/types.js';
import { resolveUiOptions } from '../core/ui-options.js';
import type { Layer, UiContext } from './context.js';
import { defineElements, TAGS, type Tag } from './define.js';
import { createLocalizer } from './i18n.js';
import { Placeholders } from './placeholders.js';

export type { UiContext, Layer } from './context.js';
export type { ConsentBanner } from './banner.js';
export type { ConsentPreferences } from './preferences.js';
export type { ConsentPlaceholder } from './placeholder.js';
export type { ConsentReopenButton } from './reopen-button.js';

/**
 * Mounts the interface for the core's host: the banner (first in `host.root`, so keyboard users
 * reach it first), the preferences dialog and, with `reopenButton`, the floating button. Nothing is
 * shown until the core asks.
 */
export function mount(coreHost: CoreUiHost): UiController {
  // The core's host, with the whole configuration: the interface's own options are validated here.
  const config = resolveUiOptions(coreHost.options, coreHost.config, (m) => console.error(m));
  const host = Object.create(coreHost, { config: { value: config, enumerable: true } }) as UiHost;
  const usable = defineElements();
  const i18n = createLocalizer(host.config.texts, host.lang);
  const doc = host.root.ownerDocument;
  const open = new Set<Layer>();

  const context: UiContext = {
    host,
    i18n,
    showPreferences: () => controller.showPreferences(),
    hide: () => controller.hide(),
    layerChanged(layer, isOpen) {
      if (isOpen === open.has(layer)) return;
      if (isOpen) {
        open.add(layer);
        host.notifyShown(layer);
      } else {
        open.delete(layer);
        host.notifyHidden(layer);
      }
      // The attribute, not only the property: it takes effect now, before focus goes back to the button.
      reopen?.toggleAttribute('open', open.size === 0);
    },
  };

  const create = <K extends Tag>(tag: K): HTMLElementTagNameMap[K] | null => {
    if (!usable.has(tag)) return null;
    const element = doc.createElement(tag);
    element.context = context;
    return element;
  };

  const banner = create(TAGS.banner);
  const preferences = create(TAGS.preferences);
  const reopen = host.config.reopenButton ? create(TAGS.reopen) : null;
  const placeholders = new Placeholders(context, usable.has(TAGS.placeholder));
  if (banner) host.root.prepend(banner);
  if (preferences) host.root.append(preferences);
  if (reopen) {
    reopen.open = true;
    host.root.append(reopen);
  }

  const controller: UiController = {
    async showBanner() {
      await banner?.show();
    },
    async showPreferences() {
      await preferences?.show();
    },
    async hide() {
      await Promise.all([preferences?.hide(), banner?.hide()]);
    },
    async setLanguage(lang) {
      await i18n.setLanguage(lang);
      const elements = [banner, preferences, reopen, ...doc.querySelectorAll(TAGS.placeholder)];
      await Promise.all(elements.map((element) => element?.updateComplete));
    },
    placeholders(frames) {
      placeholders.add(frames);
    },
  };
  return controller;
}
