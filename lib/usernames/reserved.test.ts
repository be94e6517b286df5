import { mkdirSync, mkdtempSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import maintainedReservedNames from 'reserved-usernames/data.json';
import { describe, expect, it } from 'vitest';
import { canonicalUsername } from './canonical';
import { NOT_RESERVED_ORDINARY_WORDS, ROUTE_NAMES, isReserved, reservedRule, reservedRuleMatches } from './reserved';
import { similarityKey } from './similarity';

const keyOf = (name: string) => similarityKey(canonicalUsername(name, 'global'));

/** Root-level metadata files of the App Router and the URL each one is served at. */
const METADATA_ROUTES: [RegExp, string][] = [
  [/^favicon\.ico$/, 'favicon.ico'],
  [/^robots\.(txt|ts|js)$/, 'robots.txt'],
  [/^sitemap\.(xml|ts|js)$/, 'sitemap.xml'],
  [/^manifest\.(json|webmanifest|ts|js)$/, 'manifest.webmanifest'],
];

/**
 * The first URL segments that a Next.js app/ folder serves: its folders, looking through route
 * groups `(x)` and parallel-route slots `@x` (which add no segment), skipping private `_x` and
 * dynamic `[x]` folders, plus the root metadata files.
 */
function firstLevelRoutes(appDir: string): string[] {
  if (!existsSync(appDir)) return [];
  const routes: string[] = [];
  for (const entry of readdirSync(appDir, { withFileTypes: true })) {
    const name = entry.name;
    if (entry.isDirectory()) {
      if ((name.startsWith('(') && name.endsWith(')') && !name.startsWith('(.')) || name.startsWith('@')) {
        routes.push(...firstLevelRoutes(join(appDir, name)));
      } else if (!name.startsWith('_') && !name.startsWith('[') && !name.startsWith('(')) {
        routes.push(name);
      }
    } else {
      const metadata = METADATA_ROUTES.find(([pattern]) => pattern.test(name));
      if (metadata) routes.push(metadata[1]);
    }
  }
  return routes;
}

describe('route names', () => {
  it("holds every first-level route of this app's app/ folder", () => {
    const appDir = fileURLToPath(new URL('../../app', import.meta.url));
    const missing = firstLevelRoutes(appDir).filter((route) => !ROUTE_NAMES.includes(route));
    expect(missing, 'add these to ROUTE_NAMES in lib/usernames/reserved.ts').toEqual([]);
  });

  it('reads route groups, slots, private and dynamic folders the way Next.js serves them', () => {
    const appDir = mkdtempSync(join(tmpdir(), 'app-'));
    for (const folder of ['(auth)/login', '(auth)/(inner)/signup', '@modal/settings', 'docs', '_components', '[slug]', '(.)photo']) {
      mkdirSync(join(appDir, folder), { recursive: true });
    }
    for (const file of ['page.tsx', 'layout.tsx', 'favicon.ico', 'robots.ts', 'globals.css']) writeFileSync(join(appDir, file), '');
    expect(firstLevelRoutes(appDir).sort()).toEqual(['docs', 'favicon.ico', 'login', 'robots.txt', 'settings', 'signup']);
  });

  it('reserves each route name in any spelling that shares its key', () => {
    for (const route of ROUTE_NAMES) expect(isReserved(keyOf(route)), route).toBe(true);
    expect(isReserved(keyOf('LOGIN'))).toBe(true);
    expect(isReserved(keyOf('log-in'))).toBe(true);
    expect(isReserved(keyOf('ｓｉｇｎｕｐ'))).toBe(true);
  });
});

describe('the maintained list (reserved-usernames)', () => {
  it.each(['admin', 'administrator', 'root', 'postmaster', 'hostmaster', 'webmaster', 'abuse', 'noc', 'security', 'support', 'noreply', 'www', 'staff', 'official', 'system'])(
    'reserves %s',
    (name) => expect(isReserved(keyOf(name))).toBe(true),
  );

  it.each(['john', 'anna', 'love', 'design', 'music', 'photo', 'java', 'friends', 'master', 'shop', 'year', 'maria', 'alex'])(
    'leaves the ordinary name %s available',
    (name) => expect(isReserved(keyOf(name))).toBe(false),
  );

  it('filters only words that the maintained list has (so the filter list cannot rot)', () => {
    const maintained = new Set(maintainedReservedNames as string[]);
    expect(NOT_RESERVED_ORDINARY_WORDS.filter((word) => !maintained.has(word))).toEqual([]);
  });
});

describe('admin rules', () => {
  it('match by similarity key, exact or prefix', () => {
    const exact = reservedRule('exact', 'Acme');
    const prefix = reservedRule('prefix', 'acme');
    expect(reservedRuleMatches(exact, keyOf('ACME'))).toBe(true);
    expect(reservedRuleMatches(exact, keyOf('acme.hq'))).toBe(false);
    expect(reservedRuleMatches(prefix, keyOf('acme.hq'))).toBe(true);
    expect(reservedRuleMatches(prefix, keyOf('ACME_team'))).toBe(true);
    expect(reservedRuleMatches(prefix, keyOf('the_ACME_team'))).toBe(false); // a prefix, not anywhere
    expect(isReserved(keyOf('acrne'), [exact])).toBe(true); // rn looks like m
  });

  it('ignore an empty rule instead of reserving everything', () => {
    expect(isReserved(keyOf('anybody'), [{ kind: 'prefix', key: '' }])).toBe(false);
  });
});
