import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // Each feature owns its tables (src/features/<feature>/<feature>.tables.ts).
  schema: ['./src/features/*/*.tables.ts', './src/platform/*.tables.ts'],
  out: './migrations',
});
