/**
 * One language on the wire: this page imports no locale file itself, so every locale fetched is one
 * the localizer asked for.
 */
import { expect } from '@open-wc/testing';
import { createLocalizer } from '../../src/ui/i18n.js';

/** The locale files this page has fetched so far (the dev server serves them as modules). */
const fetchedLocales = (): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/locales\/(\w+)\.json/.exec(entry.name)?.[1])
    .filter((lang): lang is string => lang !== undefined);

describe('one language on the wire', () => {
  it('fetches only the active language, and another one when setLanguage() asks for it', async () => {
    expect(fetchedLocales()).to.deep.equal([]);
    const i18n = await createLocalizer({}, 'en');
    expect(i18n.t('banner.acceptAll')).to.equal('Accept all');
    expect(fetchedLocales()).to.deep.equal(['en']);
    await i18n.setLanguage('ru');
    expect(i18n.t('banner.acceptAll')).to.equal('Принять');
    expect(fetchedLocales()).to.deep.equal(['en', 'ru']);
  });
});
