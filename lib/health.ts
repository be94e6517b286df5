import { getConnection } from '@/db/client';

/** True once the database answers a query. */
export function databaseAnswers(): boolean {
  try {
    getConnection().sqlite.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}
