/**
 * Restores a backup (a folder made by the server or `npm run backup`) over DATABASE_PATH and
 * DOCUMENTS_PATH. Refuses while a server uses the database, and refuses a backup that fails its
 * checks; keeps the current database and documents aside (`*.before-restore-<time>`) first.
 *   systemctl stop sop-scheduler && npm run restore -- /var/lib/sop-scheduler/backups/sop-20131021T020000Z
 */
import { loadConfig, loadDotEnv } from '../src/config';
import { restoreBackup } from '../src/platform/backups';
import { serversOf } from '../src/platform/server-presence';

if (require.main === module) {
  try {
    loadDotEnv();
    const config = loadConfig(process.env);
    const folder = process.argv[2];
    if (!folder) throw new Error('usage: npm run restore -- <backup folder>');
    const servers = serversOf(config.databasePath);
    if (servers.length > 0)
      throw new Error(
        `A server (process ${servers.join(', ')}) is using ${config.databasePath}: stop it first (systemctl stop sop-scheduler), then restore. (If no server runs, and that process is something else, remove ${config.databasePath}.servers/.)`,
      );
    const restored = restoreBackup({ folder, databasePath: config.databasePath, documentsPath: config.documentsPath });
    console.error(`restored ${folder} (taken ${restored.takenAt}) to ${config.databasePath} and ${config.documentsPath}; what was there is kept as ${restored.keptAside.join(' and ')}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
