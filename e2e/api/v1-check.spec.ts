import { demoPassword, expect, signInViaApi, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK } from '../support/http';

test('both slash forms answer the same, with no redirect, and the documented headers', async ({ baseURL }) => {
  for (const path of [V1_CHECK, V1_CHECK.slice(0, -1)]) {
    const res = await raw(baseURL!, { path, ...jsonPost({ username: 'johndoe123' }) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.json()).toMatchObject({ username: 'johndoe123', available: false, reason: 'taken' });
  }
});

test('application/*+json is JSON too', async ({ baseURL }) => {
  const res = await raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username: 'freshname77' }, { 'content-type': 'application/vnd.api+json; charset=utf-8' }) });
  expect(res.status).toBe(200);
  expect(res.json()).toMatchObject({ available: true, reason: 'available', suggestions: [] });
});

test('verdicts: available, taken, similar, reserved, invalid, each with the contract fields', async ({ baseURL }) => {
  const verdict = async (username: string) => (await raw(baseURL!, { path: V1_CHECK, ...jsonPost({ username }) })).json();
  expect(await verdict('brandnew42')).toEqual({
    username: 'brandnew42',
    available: true,
    reason: 'available',
    message: expect.stringContaining('available'),
    message_key: 'username.verdict.available',
    suggestions: [],
  });
  const taken = await verdict('JohnDoe123');
  expect(taken).toMatchObject({ username: 'JohnDoe123', available: false, reason: 'taken' });
  expect(taken.message).toContain('taken');
  expect(taken.suggestions.length).toBeGreaterThanOrEqual(1);
  expect(taken.suggestions.length).toBeLessThanOrEqual(3);
  for (const s of taken.suggestions) expect(await verdict(s)).toMatchObject({ available: true });
  expect(await verdict('john.doe123')).toMatchObject({ available: false, reason: 'similar' });
  expect(await verdict('admin')).toMatchObject({ available: false, reason: 'reserved' });
  const invalid = await verdict('a');
  expect(invalid).toMatchObject({ available: false, reason: 'invalid', suggestions: [] });
});

test('a signed-in caller checking their own name, in any case, gets own_username', async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  await signInViaApi(ctx, { username: 'johndoe123', password: demoPassword('johndoe123') });
  for (const username of ['johndoe123', 'JOHNDOE123', 'ｊｏｈｎｄｏｅ１２３']) {
    const res = await ctx.post(V1_CHECK, { data: { username } });
    expect(await res.json()).toMatchObject({ username, available: true, reason: 'own_username', suggestions: [] });
  }
  const other = await ctx.post(V1_CHECK, { data: { username: 'acme-admin' } });
  expect(await other.json()).toMatchObject({ available: false, reason: 'taken' });
  await ctx.dispose();
});

test('the OpenAPI document and the reference page describe both endpoints', async ({ request, page }) => {
  const doc = await (await request.get('/api/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/api/v1/iam/check-user-existence/', '/api/v2/usernames/check/company/{companyId}/{companyUsername}']),
  );
  expect(doc.components.schemas.CheckUserExistenceRequest.properties.username.type).toBe('string');
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: /check-user-existence/ })).toBeVisible();
  await expect(page.getByText(/FB12345.{0,2} is already taken for this company/).first()).toBeVisible();
  await expect(page.getByText('"username": "johndoe123"').first()).toBeVisible();
});
