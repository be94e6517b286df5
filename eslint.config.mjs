import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Plain <a> links between the server-rendered pages are deliberate: next/link's client
      // runtime would push /signup over its first-load JavaScript budget (docs/decisions/004).
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    // Only db/ talks to the database engine. The domain asks db/queries in domain words.
    files: ['lib/**/*.ts', 'scripts/**/*.ts', 'server.ts', 'next-worker.ts'],
    ignores: ['**/*.test.ts', 'lib/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg', 'pg-*'], message: 'Only db/ talks to the database engine: add a function to db/queries/ and call it.' },
            { group: ['@/db/schema'], allowTypeImports: true, message: 'The schema is db/’s: ask db/queries for the rows you need.' },
            { group: ['@/app/*', '@/components/*'], message: 'lib/ and scripts/ never import routes or React components.' },
          ],
        },
      ],
    },
  },
  {
    // Process composition (server.ts, next-worker.ts, the CLI) may open, migrate and back up the
    // database, but asks for data through lib/ like every other caller.
    files: ['scripts/**/*.ts', 'server.ts', 'next-worker.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg', 'pg-*'], message: 'Only db/ talks to the database engine.' },
            { group: ['@/db/schema', '@/db/queries/*'], message: 'Ask lib/ for data: scripts and the server compose, the domain decides.' },
          ],
        },
      ],
    },
  },
  {
    // A route or action never reaches the database without a lib/ function in between.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db/*', '@/db', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg'], message: 'Routes, actions and components reach the database only through a lib/ function.' },
            // Every language's catalogue at once is the API's; a page gets its own language through next-intl.
            { group: ['@/lib/i18n/catalogues', '@/lib/i18n/translate', '@/lib/i18n/messages/*'], message: 'Pages and components translate with next-intl (getTranslations, useTranslations): only the page’s language reaches the browser.' },
          ],
        },
      ],
    },
  },
  {
    // The data layer depends on nothing of ours above it.
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/*', '@/app/*', '@/components/*'], message: 'db/ never imports lib/, app/ or components/: take plain values from the caller.' }] },
      ],
    },
  },
  {
    // The username policy stays framework-free and database-free (after the lib/ rule, which it replaces
    // for these files: in a flat config the last matching block's rule options win).
    files: ['lib/usernames/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'next-auth', 'next-auth/*', '@/db/*', '@/app/*', '@/components/*', '@/lib/*', '!@/lib/usernames', '!@/lib/usernames/*', 'react', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg'],
              message: 'lib/usernames is plain TypeScript: no Next, no database, no React, nothing else of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    // What components import from lib/ to show the server's rules: bundled for the browser, so it
    // reaches no database, no Node API and no server-only Next code.
    files: ['lib/companies/rules.ts', 'lib/companies/import/format.ts', 'lib/companies/roles.ts', 'lib/format.ts', 'lib/api-tokens-format.ts', 'lib/auth/password-policy.ts', 'lib/query-options/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db/*', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'node:*', 'next/server', 'next/headers', 'next/cache', 'next-auth', 'next-auth/*', '@/app/*', 'server-only'],
              message: 'This module is client-safe: components bundle it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The database answers with promises on both engines: one that nobody awaits would run its
    // statement outside the transaction that meant it, or lose its error. Typed linting finds them.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // One query serves both engines (db/tables.ts): it ends in `await`, never in SQLite's own
    // `.get()`, `.all()` or `.run()`, which PostgreSQL's builder does not have.
    files: ['db/queries/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[arguments.length=0][callee.property.name=/^(get|all|run)$/][callee.object.type='CallExpression']",
          message: 'End a Drizzle query with await (both engines), not SQLite-only .get()/.all()/.run().',
        },
      ],
    },
  },
  globalIgnores(['.next/**', '.next-*/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'db/migrations/**', 'db/migrations-pg/**', 'dist/**']),
]);
