// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Modules a content script may reach. They run inside the untrusted Pipedrive page, so they must never import the
// parts that hold secrets, talk to Twilio or own IndexedDB (DESIGN §3): storage, the Twilio client, the shared sync
// machinery, the account and the sends, and in every domain folder its sync, its repo and its handlers (STYLE).
// The folders are named without `lib/` too, so a relative import (`../db/schema`) is held to the wall as well.
const backgroundOnly = ['**/db', '**/db/**', '**/twilio', '**/twilio/**', '**/sync', '**/sync/**', '**/account/**', '**/sends/**',
  '**/*sync', '**/*sync.ts', '**/*repo', '**/*repo.ts', '**/handlers', '**/handlers.ts', '**/router', '**/router.ts'];
// A domain folder is content-safe but for these.
const backgroundFiles = ['lib/**/*sync.ts', 'lib/**/*repo.ts', 'lib/**/handlers.ts'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name='innerHTML']",
        message: 'Text from Twilio or the page is data: render it as text, never as HTML.',
      }],
    },
  },
  {
    // Tests may assert what they just arranged, and Playwright fixtures take an empty `{}` when they need no others.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['entrypoints/pipedrive.content/**', 'entrypoints/pipedrive-views/**', 'components/**', 'lib/pipedrive/**', 'lib/templates/**',
      'lib/window/**', 'lib/phone.ts', 'lib/i18n.ts', 'lib/messaging/client.ts', 'lib/messaging/protocol.ts',
      // protocol.ts takes its request types from the schemas, so they are held to the same wall.
      'lib/messaging/schemas.ts', 'lib/sids.ts',
      'lib/conversations/model.ts', 'lib/notes/model.ts', 'lib/conversations/links.ts', 'lib/conversations/thread.ts', 'lib/conversations/choose-number.ts',
      'lib/content-state.ts', 'lib/format.ts', 'lib/media-hosts.ts', 'lib/schema-issues.ts', 'lib/twilio/clock.ts'],
    ignores: backgroundFiles,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: backgroundOnly, message: 'Background-only module: a content script must not import it.' }] }],
    },
  },
);
