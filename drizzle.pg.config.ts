import { defineConfig } from 'drizzle-kit';
import { parseDatabaseUrl } from './db/database-url';

// PostgreSQL: db/schema.pg.ts → db/migrations-pg/ (`npm run db:generate:pg`). Generating needs no
// server; drizzle-kit's other commands use DATABASE_URL when it names PostgreSQL.
const target = parseDatabaseUrl(process.env.DATABASE_URL);

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: target.engine === 'postgres' ? target.url : 'postgres://localhost:5432/namecheck' },
  strict: true,
  verbose: false,
});
