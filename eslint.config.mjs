// ESLint flat config (docs/development.md, "Conventions"): `npm run lint`, also run by `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'bench/results/',
      'custom-elements.json',
      'docs/',
    ],
  },

  js.configs.recommended,

  // TypeScript sources and tests (syntax-level rules; type-aware linting is not enabled).
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names mark a parameter or binding kept on purpose (e.g. a callback's unused
      // first argument); everything else that is unused is a finding.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // lit components and their templates.
  {
    files: ['src/ui/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/ui/**/*.ts'],
    ...litA11y.configs.recommended,
  },

  // Node: build, test and bench scripts, the demo server, the e2e journeys, root tool configs.
  {
    files: [
      'scripts/**/*.mjs',
      'bench/**/*.mjs',
      'demo/server.mjs',
      'bin/**/*.mjs',
      'test/e2e/**/*.mjs',
      'test/server/**/*.mjs',
      'test/package/**/*.mjs',
      '*.config.mjs',
      'eslint.config.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  // These Node scripts drive Chromium with playwright: the functions they hand to page.evaluate,
  // addInitScript and waitForFunction run in the page, where `window` and `document` exist.
  {
    files: ['bench/run.mjs', 'scripts/screenshots.mjs', 'test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Browser: the demo page scripts, vendor stubs, bench assets, the library and its browser tests.
  {
    files: ['demo/**/*.js', 'bench/assets/**/*.js', 'src/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
