import { ConfigError, loadConfig, loadDotEnv, type Config } from '../src/config';
import type { OpenDatabase } from '../src/platform/database';
import { openConfiguredDatabase } from '../src/platform/open-database';
import type { PostgresDatabase } from '../src/platform/postgres';
import { systemClock } from '../src/platform/time';
import { createContainer, type Container } from '../src/container';
import { createTenantsRepository } from '../src/features/tenants/tenants.repository';
import { openTenantDatabase, tenantConfig } from '../src/tenancy';

/** `--name value` pairs from argv; a flag without a value is "true". */
export function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args[arg.slice(2)] = 'true';
    else {
      args[arg.slice(2)] = next;
      i++;
    }
  }
  return args;
}

/**
 * Runs a command-line script against the configured database (migrated first), or with
 * `--tenant <slug>` against that registered government's (npm run create-tenant). Results go to
 * stdout, everything else to stderr, and any failure exits 1 with a one-line message.
 */
export function runScript(main: (ctx: { config: Config; database: OpenDatabase | PostgresDatabase; services: Container; args: Record<string, string> }) => void | Promise<void>) {
  (async () => {
    loadDotEnv();
    const config = loadConfig(process.env);
    const { tenant: slug, ...args } = parseArgs(process.argv.slice(2));
    const home = await openConfiguredDatabase(config);
    try {
      const row = slug === undefined ? null : await createTenantsRepository(home.db).bySlug(slug);
      if (slug !== undefined && !row) throw new Error(`--tenant: no government has the slug ${slug} (npm run create-tenant lists them)`);
      const database = row?.database ? await openTenantDatabase(config, { ...row, database: row.database }) : home;
      try {
        await main({ config, database, services: createContainer({ database, clock: systemClock, config: tenantConfig(config, row ?? null) }), args });
      } finally {
        if (database !== home) await database.close();
      }
    } finally {
      await home.close();
    }
  })().catch((err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
