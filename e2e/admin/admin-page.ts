import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { cliJson } from '../support/cli';
import { expect, signInViaApi, uniqueName } from '../support/fixtures';

export const ACME_ID = 1;
export const PASSWORD = 'correct horse battery staple';

/** A fresh global user made with the admin CLI, optionally a member of a company. */
export function cliUser(prefix: string, membership?: { company: number; role?: 'admin' | 'member'; companyUsername?: string }) {
  const username = uniqueName(prefix);
  const user = cliJson<{ id: number; username: string }>(['user', 'create', '--username', username, '--password', PASSWORD]);
  if (membership) {
    const args = ['member', 'add', '--company', String(membership.company), '--user', username, '--role', membership.role ?? 'member'];
    if (membership.companyUsername) args.push('--company-username', membership.companyUsername);
    cliJson(args);
  }
  return { id: user.id, username };
}

/** A company username nobody has used yet: letters, digits, a hyphen (a different case reads the same). */
export function uniqueCompanyUsername(prefix = 'E'): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
}

export async function signIn(request: APIRequestContext, username: string, password: string) {
  const res = await signInViaApi(request, { username, password });
  expect(res.status()).toBe(302);
  expect(res.headers()['location'] ?? '').not.toContain('error');
}

/** The admin screen of one company, as an admin uses it. */
export class CompanyAdminPage {
  constructor(
    readonly page: Page,
    readonly companyId: number = ACME_ID,
  ) {}

  async goto(query?: string) {
    await this.page.goto(`/admin/companies/${this.companyId}${query ? `?q=${encodeURIComponent(query)}` : ''}`);
  }

  /** Finds a member with the search box (the table shows a page at a time). */
  async search(text: string) {
    await this.page.getByLabel('Search members').fill(text);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
  }

  field(name: string): Locator {
    return this.page.getByLabel(`Company username for ${name}`, { exact: true });
  }

  row(name: string): Locator {
    return this.page.locator('tr', { has: this.field(name) });
  }

  verdict(name: string): Locator {
    return this.row(name).getByRole('status');
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }
}
