import { expect } from '@open-wc/testing';
import { isBot } from '../../src/signals/bots.js';

describe('signals: bots', () => {
  it('knows the crawlers and headless browsers that matter, and not people', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      'TelegramBot (like TwitterBot)',
    ]) expect(isBot(ua), ua).to.equal(true);
    for (const ua of [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 YaBrowser/25.8.0.0 Safari/537.36',
      // A phone brand, not a crawler: "CUBOT" ends in "bot".
      'Mozilla/5.0 (Linux; Android 12; CUBOT KINGKONG 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
      '',
    ]) expect(isBot(ua), ua).to.equal(false);
  });

  it('lab tools measure what visitors get: Lighthouse and PageSpeed Insights are no crawlers', () => {
    for (const ua of [
      // Lighthouse 12's own mobile and desktop agents (core/config/constants.js, userAgents).
      'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
      // PageSpeed Insights' network agent, with its marker (GoogleChrome/lighthouse issue 15971).
      'Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4590.2 Mobile Safari/537.36 Chrome-Lighthouse',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 Chrome-Lighthouse',
    ]) expect(isBot(ua), ua).to.equal(false);
    // A site that wants them out names them.
    expect(isBot('Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) Chrome/94.0.4590.2 Mobile Safari/537.36 Chrome-Lighthouse', ['Chrome-Lighthouse'])).to.equal(true);
  });

  it('adds the site\'s own substrings, case-insensitively', () => {
    expect(isBot('Mozilla/5.0 OurMonitor/1.2', ['ourmonitor'])).to.equal(true);
    expect(isBot('Mozilla/5.0 OurMonitor/1.2')).to.equal(false);
  });
});
