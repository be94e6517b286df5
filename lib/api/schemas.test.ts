import { describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import { checkUserExistence } from './check-user-existence';
import { register } from './register';
import { CheckUserExistenceRequest, RegisterRequest, fieldErrors, parseRequest } from './schemas';

// The contract's `errors` map must say what is wrong with a field: missing is not the same as sent
// with the wrong type.
describe('parseRequest and fieldErrors', () => {
  const errorsOf = (schema: Parameters<typeof parseRequest>[0], value: unknown) => {
    const parsed = parseRequest(schema, value);
    if (parsed.success) throw new Error('expected a failure');
    return fieldErrors(parsed.error);
  };

  it('calls a missing field required', () => {
    expect(errorsOf(CheckUserExistenceRequest, {})).toEqual({ username: ['This field is required.'] });
  });

  it('says a field of the wrong type is of the wrong type, not missing', () => {
    const errors = errorsOf(CheckUserExistenceRequest, { username: 123 });
    expect(errors.username).toHaveLength(1);
    expect(errors.username![0]).not.toBe('This field is required.');
    expect(errors.username![0]).toMatch(/expected string, received number/);
    expect(errorsOf(RegisterRequest, { username: 'janedoe', password: false }).password![0]).toMatch(/expected string/);
  });
});

describe('the v1 check and registration say why a field is refused', () => {
  const post = (path: string, body: unknown) => ({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    clientIp: '192.0.2.1',
  });
  const refusedFields = async (run: () => unknown): Promise<Record<string, string[]> | undefined> => {
    try {
      await run();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      return (error as HttpError).errors;
    }
    throw new Error('expected a 400');
  };

  it('a username that is not a string is not "required"', async () => {
    const errors = await refusedFields(() => checkUserExistence(post('/api/v1/iam/check-user-existence/', { username: 123 })));
    expect(errors?.username?.[0]).toMatch(/expected string, received number/);
    const registration = await refusedFields(() => register(post('/api/v1/iam/register/', { username: 'janedoe', password: 42 })));
    expect(registration?.password?.[0]).toMatch(/expected string, received number/);
  });
});
