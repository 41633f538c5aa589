import { ConfigError, loadConfig, loadDotEnv, type Config } from '../src/config';
import type { OpenDatabase } from '../src/platform/database';
import { openConfiguredDatabase } from '../src/platform/open-database';
import type { PostgresDatabase } from '../src/platform/postgres';
import { systemClock } from '../src/platform/time';
import { createContainer, type Container } from '../src/container';

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
 * Runs a command-line script against the configured database (migrated first). Results go to
 * stdout, everything else to stderr, and any failure exits 1 with a one-line message.
 */
export function runScript(main: (ctx: { config: Config; database: OpenDatabase | PostgresDatabase; services: Container; args: Record<string, string> }) => void | Promise<void>) {
  (async () => {
    loadDotEnv();
    const config = loadConfig(process.env);
    const database = await openConfiguredDatabase(config);
    try {
      await main({ config, database, services: createContainer({ database, clock: systemClock, config }), args: parseArgs(process.argv.slice(2)) });
    } finally {
      await database.close();
    }
  })().catch((err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
