import { defineConfig } from 'drizzle-kit';
import { parseDatabaseUrl } from './db/database-url';

// SQLite: db/schema.ts → db/migrations/ (`npm run db:generate`). PostgreSQL: drizzle.pg.config.ts.
const target = parseDatabaseUrl(process.env.DATABASE_URL);

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: target.engine === 'sqlite' ? target.path : './data/namecheck.db' },
  strict: true,
  verbose: false,
});
