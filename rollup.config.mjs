// Outputs (docs/contract.md §1). dist/browser/ holds the files a site deploys, and only those; the rest of
// dist/ is for Node and bundlers (package.json "exports") and is never put in a web root.
//   dist/browser/consent.min.js        the drop-in core: IIFE, no lit, no i18next, no locales, no record code
//   dist/browser/consent.autoblock.min.js  the same core with auto-blocking started first (docs/autoblock.md)
//   dist/browser/consent-audit.min.js  the self-audit the drop-ins import when IntegrusConsent.audit() is called
//   dist/browser/consent-messages.min.js  the words of the core's console messages, imported when there is one to print
//   dist/browser/consent-ui.min.js     the first part of the UI it imports from its own folder when a layer must
//                                      show: banner and lit (no i18next); it imports in turn
//     consent-ui-ru.min.js, consent-ui-en.min.js   one language's texts each
//     consent-ui-details.min.js                    the second part: i18next, preferences, placeholders, re-open button
//   dist/browser/consent-record.min.js the consent-record module the core imports for a decision
//   dist/browser/consent-catalogue.min.js  the service catalogue the core imports where the site names `services`
//   dist/consent.js            ES module for bundlers (dependencies external, the same parts as lazy chunks)
//   dist/server.js             readConsentCookie() and the consent-record receiver for the site's server (no DOM)
//   dist/cli.js                the `integrus-consent` command (bin/integrus-consent.mjs)
//   dist/types/                declarations (tsc -p tsconfig.build.json)
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import htmlLiterals from 'rollup-plugin-html-literals';

const ts = () => typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmitOnError: true });
const minify = (module) =>
  terser({ ecma: 2020, module, compress: { passes: 2, pure_getters: true }, format: { comments: false } });
// The interface's html`` and css`` templates lose their indentation and comments (lit.dev, "Building for
// production"): terser leaves template text as written. Only src/ui/ has templates; a template the
// minifier cannot read stops the build. A css`` that is a list of declarations and no stylesheet (the
// dark theme's, put into two rules) is left as written: CSS minifiers read whole stylesheets only.
const templates = () =>
  htmlLiterals({
    include: ['src/ui/**/*.ts'],
    failOnError: true,
    options: { shouldMinifyCSS: (t) => /css/i.test(t.tag ?? '') && t.parts.some((part) => part.text.includes('{')) },
  });
const external = (id) =>
  /^(lit|@lit|lit-html|lit-element|i18next|js-cookie|ajv|ajv-formats|better-sqlite3|pg)(\/|$)/.test(id) || id.startsWith('node:');

export default [
  {
    input: 'src/drop-in.ts',
    output: { file: 'dist/browser/consent.min.js', format: 'iife', sourcemap: true, plugins: [minify(false)] },
    plugins: [nodeResolve(), json({ compact: true, preferConst: true }), ts()],
  },
  {
    input: 'src/drop-in.autoblock.ts',
    output: { file: 'dist/browser/consent.autoblock.min.js', format: 'iife', sourcemap: true, plugins: [minify(false)] },
    plugins: [nodeResolve(), json({ compact: true, preferConst: true }), ts()],
  },
  {
    input: 'src/signals/audit.ts',
    output: { file: 'dist/browser/consent-audit.min.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
    plugins: [nodeResolve(), json({ compact: true, preferConst: true }), ts()],
  },
  {
    input: 'src/signals/messages.ts',
    output: { file: 'dist/browser/consent-messages.min.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
    plugins: [nodeResolve(), ts()],
  },
  {
    // A build of its own, so that the few helpers it shares with the UI are copied in, not split into
    // a chunk that the first part of the UI would then have to fetch as well.
    input: 'src/signals/consent-record.ts',
    output: { file: 'dist/browser/consent-record.min.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
    plugins: [nodeResolve(), ts()],
  },
  {
    // The catalogue consent.min.js imports for `services` (src/catalogue/chunk.ts), built on its own.
    input: 'src/catalogue/chunk.ts',
    // It clears cookies (cookie-jar.ts) but never reads or writes one: js-cookie stays out.
    treeshake: { moduleSideEffects: (id) => !id.includes('/node_modules/js-cookie/') },
    output: { file: 'dist/browser/consent-catalogue.min.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
    plugins: [nodeResolve(), json({ compact: true, preferConst: true }), ts()],
  },
  {
    // Names without hashes: the core knows them (drop-in.ts), as it knows its own.
    input: { 'consent-ui': 'src/ui/index.ts' },
    // The second part imports lit and the shared helpers from the first part itself: no extra chunk.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/browser',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].min.js',
      chunkFileNames: 'consent-ui-[name].min.js',
      plugins: [minify(true)],
    },
    plugins: [nodeResolve(), json({ compact: true, preferConst: true }), ts(), templates()],
  },
  {
    input: { consent: 'src/index.ts', server: 'src/server.ts', cli: 'src/server/cli.ts' },
    external,
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [nodeResolve(), json({ preferConst: true }), ts()],
  },
];
