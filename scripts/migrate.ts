// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (idempotent).
import { closeConnection, databaseLabel, databaseTarget, DatabaseUrlError } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

let path: string;
try {
  path = databaseLabel(databaseTarget());
} catch (error) {
  if (!(error instanceof DatabaseUrlError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
}
await migrateDatabase();
await closeConnection();
process.stdout.write(`${JSON.stringify({ migrated: path })}\n`);
