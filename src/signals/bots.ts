/**
 * Crawlers and headless browsers get no banner and no grant (docs/contract.md §3). The list covers the
 * search engines that matter in Russia and the EU, social previews and common automation markers.
 * Lab tools that measure the page (Lighthouse, PageSpeed Insights' `Chrome-Lighthouse`, GTmetrix) are
 * not on it: they should measure what visitors get, banner included.
 */
const BOT_PATTERN =
  /(?<!cu)bot\b|crawl|spider|slurp|yandex(?:bot|images|metrika|direct|accessibility|mobilebot|webmaster)|googlebot|google-inspectiontool|adsbot-google|mediapartners-google|bingbot|bingpreview|duckduckbot|baiduspider|applebot|petalbot|sogou|exabot|facebookexternalhit|facebot|twitterbot|linkedinbot|telegrambot|vkshare|whatsapp|discordbot|slackbot|ahrefs|semrush|mj12bot|dotbot|rogerbot|screaming frog|headlesschrome|phantomjs|puppeteer|playwright|selenium|python-requests|curl\/|wget\//i;

/**
 * What in `userAgent` marks a crawler or a headless browser (`HeadlessChrome`, `Googlebot`, one of
 * `extra`…), or `null` for a visitor. `extra`: site-provided substrings, matched case-insensitively.
 */
export function botMarker(userAgent: string, extra: readonly string[] = []): string | null {
  if (!userAgent) return null;
  const match = BOT_PATTERN.exec(userAgent);
  if (match) return match[0];
  const ua = userAgent.toLowerCase();
  return extra.find((s) => ua.includes(s.toLowerCase())) ?? null;
}

/** Does `userAgent` look like a crawler or a headless browser? */
export function isBot(userAgent: string, extra: readonly string[] = []): boolean {
  return botMarker(userAgent, extra) !== null;
}
