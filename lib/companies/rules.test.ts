import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { createCompany, normalizeSlug } from '@/lib/companies/companies';
import { COMPANY_NAME_MAX_LENGTH, parseSlug, SLUG_MAX_LENGTH, SLUG_PATTERN, SLUG_REFUSAL } from '@/lib/companies/rules';
import { useFreshDatabase } from '@/lib/testing/fixtures';

// The create-company form's constraints come from lib/companies/rules.ts: these tests hold them to
// what the server accepts and refuses, at the bounds and around them.

beforeAll(async () => {
  await useFreshDatabase('namecheck-company-rules-');
});

/** The form's `pattern` as the browser applies it: the whole value, compiled with the `v` flag. */
const browserAccepts = (value: string) => new RegExp(`^(?:${SLUG_PATTERN})$`, 'v').test(value);

function serverAccepts(slug: string): boolean {
  try {
    normalizeSlug(slug);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe(SLUG_REFUSAL);
    return false;
  }
}

describe('the slug rule', () => {
  const accepted = ['a', '7', 'acme', 'ACME', 'Acme-Corp', 'a-b-c', 'a--b', 'x'.repeat(SLUG_MAX_LENGTH), `a${'-'.repeat(SLUG_MAX_LENGTH - 2)}b`];
  const refused = [
    '',
    '-acme',
    'acme-',
    '-',
    'x'.repeat(SLUG_MAX_LENGTH + 1),
    'ac me',
    ' acme',
    'acme\n',
    'acme_corp',
    'acme.corp',
    'acmé',
    'ａｃｍｅ',
    '\u212A', // KELVIN SIGN, which lower-cases to "k"
    'acme/..',
    'a[b]',
  ];

  it.each(accepted)('the server and the form both accept %j', (slug) => {
    expect(serverAccepts(slug)).toBe(true);
    expect(browserAccepts(slug)).toBe(true);
    expect(parseSlug(slug)).toBe(slug.toLowerCase());
  });

  it.each(refused)('the server and the form both refuse %j', (slug) => {
    expect(serverAccepts(slug)).toBe(false);
    expect(browserAccepts(slug)).toBe(false);
    expect(parseSlug(slug)).toBeNull();
  });

  it('is stored in lower case', () => {
    expect(normalizeSlug('Acme-Corp')).toBe('acme-corp');
  });
});

describe("the company name's length", () => {
  it(`accepts ${COMPANY_NAME_MAX_LENGTH} characters and refuses one more`, async () => {
    expect((await createCompany({ name: 'n'.repeat(COMPANY_NAME_MAX_LENGTH), slug: 'longest-name' }, CLI_ACTOR)).name).toHaveLength(COMPANY_NAME_MAX_LENGTH);
    await expect(createCompany({ name: 'n'.repeat(COMPANY_NAME_MAX_LENGTH + 1), slug: 'too-long-name' }, CLI_ACTOR)).rejects.toThrow(
      `Give the company a name of 1 to ${COMPANY_NAME_MAX_LENGTH} characters.`,
    );
  });
});
