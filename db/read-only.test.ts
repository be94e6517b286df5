import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection } from '@/db/client';
import { isDatabaseUnavailable } from '@/db/errors';
import { setReadOnly } from '@/db/read-only';
import { testRun } from '@/db/testing/sql';
import { registerUser } from '@/lib/accounts/registration';
import { problemResponse } from '@/lib/http/problem';
import { checkAvailability } from '@/lib/usernames';
import { globalNameStore } from '@/db/queries/names';
import { TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';

let database: string;
beforeAll(async () => {
  database = await useFreshDatabase('namecheck-readonly-');
  await registerUser({ username: 'before-read-only', password: 'a long passphrase' });
});
afterAll(() => closeConnection());

describe('a database that refuses writes', () => {
  it('answers writes with 503 and Retry-After, and goes on answering checks: SQLite read-only mode, a read-only PostgreSQL (a standby)', async () => {
    if (TEST_ENGINE === 'postgres') {
      // What a hot standby or default_transaction_read_only does: every new session is read-only.
      await testRun(`ALTER DATABASE "${database}" SET default_transaction_read_only = on`);
      await closeConnection();
    } else {
      setReadOnly(true);
    }
    const refused = await registerUser({ username: 'during-read-only', password: 'a long passphrase' }).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const answer = problemResponse(refused, () => undefined);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect((await checkAvailability(globalNameStore(), 'before-read-only', 'global')).reason).toBe('taken');
    if (TEST_ENGINE === 'sqlite') setReadOnly(false); // this file's PostgreSQL database is thrown away
  });
});
