import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';

// The seed documents' own client snippets, with only the host (and the token) replaced.

const python = ['python3', '/usr/bin/python3'].find(
  (bin) => (bin.startsWith('/') ? existsSync(bin) : true) && spawnSync(bin, ['-c', 'import requests']).status === 0,
);

test('the Python requests snippet gets the documented answer for johndoe123', ({ baseURL }) => {
  expect(python, 'python3 with requests is installed (.ci/run installs python3-requests)').toBeTruthy();
  const snippet = `import requests

url = "${baseURL}/api/v1/iam/check-user-existence/"

payload = { "username": "johndoe123" }
headers = {"Content-Type": "application/json"}

response = requests.post(url, json=payload, headers=headers)

print(response.json())`;
  const run = spawnSync(python!, ['-c', snippet], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // print() of a dict: Python's repr
  expect(run.stdout).toContain("'username': 'johndoe123'");
  expect(run.stdout).toContain("'available': False");
  expect(run.stdout).toContain("'reason': 'taken'");
});

test('the JavaScript fetch snippet gets the documented answer for johndoe123', ({ baseURL }) => {
  const snippet = `const url = '${baseURL}/api/v1/iam/check-user-existence/';
const options = {
  method: 'POST',
  headers: {'Content-Type': 'application/json'},
  body: '{"username":"johndoe123"}'
};

try {
  const response = await fetch(url, options);
  const data = await response.json();
  console.log(JSON.stringify(data));
} catch (error) {
  console.error(error);
}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', snippet], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const data = JSON.parse(run.stdout);
  expect(data).toMatchObject({ username: 'johndoe123', available: false, reason: 'taken' });
  expect(data.suggestions.length).toBeGreaterThanOrEqual(1);
  expect(data.suggestions.length).toBeLessThanOrEqual(3);
});

test('the curl snippet gets the documented answers for FB12345 and FB1234', ({ baseURL }) => {
  const { token } = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'seed snippet']);
  const curl = (name: string) => {
    const run = spawnSync(
      'curl',
      [
        '--silent',
        '--request', 'GET',
        '--get', `${baseURL}/api/v2/usernames/check/company/1/${name}`,
        '--header', 'Content-Type: application/json',
        '--header', 'Accept: application/json',
        '--header', `Authorization: Bearer ${token}`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };
  expect(curl('FB12345')).toMatchObject({
    company_id: '1',
    company_username: 'FB12345',
    is_available: false,
    message: 'Username "FB12345" is already taken for this company',
  });
  expect(curl('FB1234')).toMatchObject({
    company_id: '1',
    company_username: 'FB1234',
    is_available: true,
    message: 'Username "FB1234" is available for this company',
  });
});
