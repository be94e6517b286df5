// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (idempotent).
import { closeConnection, databasePath } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

migrateDatabase();
closeConnection();
process.stdout.write(`${JSON.stringify({ migrated: databasePath() })}\n`);
