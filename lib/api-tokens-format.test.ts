import { beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '@/lib/companies/access';
import { TOKEN_NAME_MAX } from '@/lib/api-tokens-format';
import { createCompanyToken } from '@/lib/api-tokens';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

// The token form's `maxLength` is TOKEN_NAME_MAX: the server must accept exactly that many.

let company: number;
let admin: Acting;

beforeAll(async () => {
  await useFreshDatabase('namecheck-token-name-');
  company = await makeCompany('Acme', 'acme');
  admin = await makeUser('boss');
  await addToCompany(company, 'boss', 'admin');
});

describe('a token name', () => {
  it(`may have ${TOKEN_NAME_MAX} characters, not one more`, async () => {
    expect((await createCompanyToken(admin, company, 't'.repeat(TOKEN_NAME_MAX))).token).toMatch(/^nc_/);
    await expect(createCompanyToken(admin, company, 't'.repeat(TOKEN_NAME_MAX + 1))).rejects.toThrow(`Name the token (1 to ${TOKEN_NAME_MAX} characters)`);
  });
});
