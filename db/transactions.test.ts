import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, inWriteTransaction, runStatement } from '@/db/client';
import { testValue } from '@/db/testing/sql';
import { writeTransaction } from '@/db/transactions';
import { useFreshDatabase } from '@/lib/testing/fixtures';

// writeTransaction on the engine of this run: what `work` writes is one transaction, a nested one is
// a savepoint, and a transaction's scope holds for as long as its work runs, whatever other
// transactions begin and end meanwhile (the scope is switched off when the last one ends).

beforeAll(async () => {
  await useFreshDatabase('namecheck-transactions-');
});

const insert = (value: string) => runStatement(getDb(), sql`INSERT INTO reserved_rules (kind, value, key) VALUES ('exact', ${value}, ${value})`);
const count = (value: string) => testValue('SELECT count(*) FROM reserved_rules WHERE value = ?', [value]);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('writeTransaction', () => {
  it('undoes all of a failed transaction, and only its own part of a failed savepoint', async () => {
    await expect(
      writeTransaction(async () => {
        await insert('tx-a1');
        await nextTurn();
        await insert('tx-a2');
        throw new Error('fails');
      }),
    ).rejects.toThrow('fails');
    expect(await count('tx-a1')).toBe(0);
    expect(await count('tx-a2')).toBe(0);

    await writeTransaction(async () => {
      await insert('tx-b1');
      await writeTransaction(() => insert('tx-b2').then(() => Promise.reject(new Error('inner'))))
        .catch(() => undefined);
      await insert('tx-b3');
    });
    expect([await count('tx-b1'), await count('tx-b2'), await count('tx-b3')]).toEqual([1, 0, 1]);
    expect(inWriteTransaction()).toBe(false);
  });

  it('keeps a transaction its scope while another begins and ends beside it', async () => {
    let otherDone!: () => void;
    const other = new Promise<void>((resolve) => (otherDone = resolve));
    const first = writeTransaction(async () => {
      await insert('tx-c1');
      // PostgreSQL runs the second transaction meanwhile; SQLite's writer takes it after this one.
      await Promise.race([other, new Promise((resolve) => setTimeout(resolve, 200))]);
      await nextTurn();
      expect(inWriteTransaction()).toBe(true);
      await insert('tx-c2');
      throw new Error('first fails');
    });
    const second = writeTransaction(() => insert('tx-d')).then(otherDone);
    await expect(first).rejects.toThrow('first fails');
    await second;
    // Had the first lost its scope when the second ended, tx-c2 would have been written outside it.
    expect([await count('tx-c1'), await count('tx-c2'), await count('tx-d')]).toEqual([0, 0, 1]);
    expect(inWriteTransaction()).toBe(false);
  });
});
