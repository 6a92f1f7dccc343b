import { expect } from '@open-wc/testing';
import { isBot } from '../../src/signals/bots.js';

describe('signals: bots', () => {
  it('knows the crawlers and headless browsers that matter, and not people', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
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

  it('adds the site\'s own substrings, case-insensitively', () => {
    expect(isBot('Mozilla/5.0 OurMonitor/1.2', ['ourmonitor'])).to.equal(true);
    expect(isBot('Mozilla/5.0 OurMonitor/1.2')).to.equal(false);
  });
});
