import { expect, type Locator, type Page } from '@playwright/test';

export const CHECK_URL = /\/api\/v1\/iam\/check-user-existence\/?$/;

/**
 * The live region a field's aria-describedby points at with role="status": the verdict as an
 * assistive technology finds it. Fails when the field is not tied to exactly one such region.
 */
export async function verdictOf(field: Locator): Promise<Locator> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const statuses: Locator[] = [];
  for (const id of ids) {
    const described = field.page().locator(`[id="${id}"]`);
    if ((await described.getAttribute('role')) === 'status') statuses.push(described);
  }
  expect(statuses, `aria-describedby="${ids.join(' ')}" should name one role=status region`).toHaveLength(1);
  return statuses[0]!;
}

/**
 * Waits until React has hydrated the form: its inputs are controlled, and what is typed before that
 * would not reach React's state. (Not `networkidle`: Next's link prefetches keep the network busy.)
 */
export async function hydrated(page: Page, selector = 'main form'): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const element = document.querySelector(sel);
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactProps'));
    },
    selector,
  );
}

/** Goes to `path` and waits for its form to be hydrated. */
export async function gotoForm(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await hydrated(page);
}

/** A fresh valid name of exactly `length` characters (a letter, then base-36 digits). */
export function nameOfLength(length: number): string {
  let tail = '';
  while (tail.length < length - 1) tail += Math.random().toString(36).slice(2);
  return `h${tail.slice(0, length - 1)}`;
}

/** The /signup screen. */
export class SignupPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly email: Locator;
  readonly submit: Locator;
  readonly suggestions: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign up' });
    this.suggestions = page.getByRole('group', { name: 'Suggestions' }).getByRole('button');
  }

  async goto(): Promise<void> {
    await gotoForm(this.page, '/signup');
  }

  verdict(): Promise<Locator> {
    return verdictOf(this.username);
  }

  /** Types a name and waits for the server's verdict (anything but "Checking…"). */
  async typeName(name: string): Promise<Locator> {
    await this.username.fill(name);
    const verdict = await this.verdict();
    await expect(verdict).not.toHaveText(/^$|Checking/);
    return verdict;
  }
}
