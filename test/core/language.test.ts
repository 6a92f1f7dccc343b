import { expect } from '@open-wc/testing';
import { resolveLanguage } from '../../src/core/language.js';

describe('language', () => {
  const supported = ['ru', 'en'];
  it('prefers the configured language, then <html lang>, then the browser, then ru', () => {
    expect(resolveLanguage('en', 'ru', ['ru'], supported)).to.equal('en');
    expect(resolveLanguage(null, 'en-GB', ['ru'], supported)).to.equal('en');
    expect(resolveLanguage(null, null, ['de-DE', 'en-US'], supported)).to.equal('en');
    expect(resolveLanguage(null, 'de', ['fr'], supported)).to.equal('ru');
    expect(resolveLanguage('de', null, [], supported)).to.equal('ru');
  });
});
