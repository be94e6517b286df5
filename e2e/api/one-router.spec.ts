import { expect, test } from '../support/fixtures';
import { jsonPost, raw } from '../support/http';

// One way into /api: server.ts's router answers every /api path but Auth.js's, so the odd paths
// that once reached a second copy of the endpoints behind Next get the router's answer.

const NO_ENDPOINT = { type: '/docs#problem-not-found', title: 'Not Found', status: 404, detail: 'There is no API endpoint at this path.' };

test('odd paths into the documented endpoints get the router’s 404 problem', async ({ baseURL }) => {
  for (const [method, path] of [
    ['POST', '/api/v1/iam/check-user-existence/./'],
    ['POST', '/api//v1/iam/register'],
    ['POST', '/api/v1//iam/check-user-existence/'],
    ['GET', '/api/v2//usernames/check/company/1/FB1234'],
    ['GET', '/api/auth/%2e%2e/health'],
    ['GET', '/api'],
  ] as const) {
    const res = await raw(baseURL!, { path, ...(method === 'POST' ? jsonPost({ username: 'johndoe123', password: 'a long passphrase' }) : {}) });
    expect(res.status, `${method} ${path}`).toBe(404);
    expect(res.headers['content-type'], path).toBe('application/problem+json; charset=utf-8');
    expect(res.json(), path).toEqual(NO_ENDPOINT);
  }
});

test('a wrong method gets the endpoint’s 405 with Allow, with a query string too', async ({ baseURL }) => {
  const res = await raw(baseURL!, { method: 'GET', path: '/api/v1/iam/check-user-existence?x=1' });
  expect(res.status).toBe(405);
  expect(res.headers['allow']).toBe('POST, OPTIONS');
  expect(res.json()).toMatchObject({ type: '/docs#problem-method-not-allowed', detail: 'This endpoint accepts POST, OPTIONS.' });
  const put = await raw(baseURL!, { path: '/api/v1/iam/register/?x=1', ...jsonPost({}), method: 'PUT' });
  expect(put.status).toBe(405);
  expect(put.headers['allow']).toBe('POST');
});

test('/api/health and /api/openapi.json answer from the router', async ({ baseURL }) => {
  const health = await raw(baseURL!, { path: '/api/health' });
  expect(health.status).toBe(200);
  expect(health.json()).toEqual({ status: 'ok' });
  const doc = await raw(baseURL!, { path: '/api/openapi.json' });
  expect(doc.status).toBe(200);
  expect(doc.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(doc.headers['cache-control']).toBe('public, max-age=300');
  expect(doc.json().openapi).toBe('3.1.0');
  expect((await raw(baseURL!, { path: '/api/openapi.json', ...jsonPost({}) })).headers['allow']).toBe('GET');
});

test('Auth.js keeps its own paths', async ({ baseURL }) => {
  const csrf = await raw(baseURL!, { path: '/api/auth/csrf' });
  expect(csrf.status).toBe(200);
  expect(typeof csrf.json().csrfToken).toBe('string');
  expect((await raw(baseURL!, { path: '/api/auth/session' })).status).toBe(200);
});
