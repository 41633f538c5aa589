/**
 * Restores a backup (a folder made by the server or `npm run backup`) over DATABASE_PATH and
 * DOCUMENTS_PATH, or with DATABASE_URL set into that PostgreSQL database (pg_restore) and
 * DOCUMENTS_PATH. Refuses while a server uses the database (on PostgreSQL: while any other
 * session is connected to it), and refuses a backup that fails its checks or is of the other
 * engine; keeps what was there aside first (`*.before-restore-<time>`; on PostgreSQL the
 * database as BACKUP_DIR/before-restore-<time>.pgdump).
 *   systemctl stop sop-scheduler && npm run restore -- /var/lib/sop-scheduler/backups/sop-20131021T020000Z
 */
import { loadConfig, loadDotEnv, type Config } from '../src/config';
import { restoreBackup } from '../src/platform/backups';
import { restorePostgresBackup } from '../src/platform/postgres-backups';
import { serversOf } from '../src/platform/server-presence';

function restoreSqlite(config: Config, folder: string) {
  const servers = serversOf(config.databasePath);
  if (servers.length > 0)
    throw new Error(
      `A server (process ${servers.join(', ')}) is using ${config.databasePath}: stop it first (systemctl stop sop-scheduler), then restore. (If no server runs, and that process is something else, remove ${config.databasePath}.servers/.)`,
    );
  const restored = restoreBackup({ folder, databasePath: config.databasePath, documentsPath: config.documentsPath });
  console.error(`restored ${folder} (taken ${restored.takenAt}) to ${config.databasePath} and ${config.documentsPath}; what was there is kept as ${restored.keptAside.join(' and ')}`);
}

async function restorePostgres(url: string, config: Config, folder: string) {
  const restored = await restorePostgresBackup({ folder, url, documentsPath: config.documentsPath, asideDir: config.backups.dir });
  const aside = restored.keptAside.length > 0 ? `what was there is kept as ${restored.keptAside.join(' and ')}` : 'the database held nothing of this service before';
  console.error(`restored ${folder} (taken ${restored.takenAt}) into the PostgreSQL database (DATABASE_URL) and ${config.documentsPath}; ${aside}`);
}

async function main() {
  loadDotEnv();
  const config = loadConfig(process.env);
  const folder = process.argv[2];
  if (!folder) throw new Error('usage: npm run restore -- <backup folder>');
  if (config.databaseUrl) await restorePostgres(config.databaseUrl, config, folder);
  else restoreSqlite(config, folder);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
