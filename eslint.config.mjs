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
    // The username policy stays framework-free and database-free.
    files: ['lib/usernames/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next', 'next/*', 'next-auth', 'next-auth/*', '@/db/*', '@/app/*', 'react'], message: 'lib/usernames is plain TypeScript: no Next, no database, no React.' }] },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db/*', 'drizzle-orm', 'drizzle-orm/*'], message: 'Components never reach the database.' }] }],
    },
  },
  {
    // What components import from lib/ to show the server's rules: bundled for the browser, so it
    // reaches no database, no Node API and no server-only Next code.
    files: ['lib/companies/rules.ts', 'lib/companies/import-format.ts', 'lib/api-tokens-format.ts', 'lib/auth/password-policy.ts', 'lib/query-options/**/*.ts'],
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
  globalIgnores(['.next/**', '.next-*/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'db/migrations/**', 'dist/**']),
]);
