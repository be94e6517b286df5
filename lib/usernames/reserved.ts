// Reserved global usernames: names nobody may register, compared by similarity key, so `ADMIN`,
// `аdmin` (Cyrillic а) and `ad.min` are as reserved as `admin`. Three sources:
// 1. this app's own first-level routes (a test fails when app/ grows a route missing here);
// 2. the maintained list of the npm package `reserved-usernames`, minus ordinary words (below);
// 3. rules that platform admins add at run time, passed in from the store (`exact` or `prefix`).

import maintainedReservedNames from 'reserved-usernames/data.json';
import { canonicalUsername } from './canonical';
import { similarityKey } from './similarity';
import type { ReservedRule } from './types';

/**
 * First-level URL segments of this app, including Next.js' own (`_next`) and the metadata files
 * served from the root. A username profile page or a future `/<name>` route must never shadow them.
 */
export const ROUTE_NAMES: readonly string[] = [
  '_next',
  '.well-known',
  'account',
  'admin',
  'api',
  'auth',
  'docs',
  'favicon.ico',
  'health',
  'login',
  'logout',
  'manifest.webmanifest',
  'openapi.json',
  'public',
  'register',
  'reset',
  'robots.txt',
  'settings',
  'setup',
  'signin',
  'signout',
  'signup',
  'sitemap.xml',
  'static',
  'verify',
];

/**
 * Entries of `reserved-usernames` that we do not reserve: everyday words, personal-name material
 * and the content categories of other kinds of sites (shops, media, job boards). They are neither
 * routes of this app, nor system mailboxes (RFC 2142: abuse, postmaster, hostmaster, webmaster,
 * noc, security, support, sales, …), nor names that claim authority (admin, root, staff, official,
 * owner, team, system, …), and people reasonably want them. Reviewed against reserved-usernames@1.1.6.
 */
export const NOT_RESERVED_ORDINARY_WORDS: readonly string[] = [
  // media and content categories
  'image', 'images', 'media', 'movie', 'movies', 'music', 'photo', 'photos', 'pic', 'pics', 'stories',
  'video', 'videos', 'theme', 'themes', 'style', 'styles', 'tutorial', 'tour', 'trends',
  // commerce and job boards
  'bank', 'cart', 'gift', 'gifts', 'offer', 'offers', 'order', 'orders', 'price', 'promo', 'sale',
  'sample', 'samples', 'shop', 'career', 'careers', 'job', 'jobs', 'recruit', 'premium', 'special',
  // everyday words
  'call', 'chat', 'code', 'crypt', 'die', 'empty', 'end', 'event', 'favorite', 'favorites', 'first',
  'free', 'friend', 'friends', 'graph', 'home', 'java', 'javascript', 'last', 'link', 'links', 'map',
  'maps', 'master', 'name', 'named', 'names', 'nick', 'nickname', 'old', 'online', 'popular', 'press',
  'random', 'ranking', 'talk', 'tech', 'top', 'watch', 'welcome', 'work', 'works', 'year', 'you',
];

function keyOf(name: string): string {
  return similarityKey(canonicalUsername(name, 'global'));
}

function buildReservedKeys(): Set<string> {
  const ordinary = new Set(NOT_RESERVED_ORDINARY_WORDS);
  const names = [...ROUTE_NAMES, ...(maintainedReservedNames as string[]).filter((name) => !ordinary.has(name))];
  return new Set(names.map(keyOf).filter((key) => key !== ''));
}

const RESERVED_KEYS = buildReservedKeys();

/** Does this admin rule catch the key? An empty rule key would catch everything and is ignored. */
export function reservedRuleMatches(rule: ReservedRule, key: string): boolean {
  if (rule.key === '') return false;
  return rule.kind === 'exact' ? key === rule.key : key.startsWith(rule.key);
}

/** Is the similarity key of a global username reserved, by the built-in lists or an admin rule? */
export function isReserved(key: string, adminRules: readonly ReservedRule[] = []): boolean {
  if (RESERVED_KEYS.has(key)) return true;
  for (const rule of adminRules) if (reservedRuleMatches(rule, key)) return true;
  return false;
}

/** The rule an admin means by "reserve <value>": the store keeps `key`, never the raw value. */
export function reservedRule(kind: ReservedRule['kind'], value: string): ReservedRule {
  return { kind, key: keyOf(value) };
}
