/**
 * Takes a backup now, while the server keeps running: a folder in BACKUP_DIR (or the folder
 * given) holding a consistent copy of the database and the documents it names, checked; the
 * oldest beyond BACKUP_KEEP are removed. The database is DATABASE_PATH's SQLite file, or with
 * DATABASE_URL set the PostgreSQL database (pg_dump, `sop.pgdump`). On SQLite the server takes
 * one daily at BACKUP_TIME too; on PostgreSQL, run this from cron.
 *   npm run backup                  → BACKUP_DIR/sop-20131021T020000Z
 *   npm run backup -- /mnt/usb      → /mnt/usb/sop-20131021T020000Z
 * Restore with `npm run restore -- <backup folder>`.
 */
import { loadConfig, loadDotEnv } from '../src/config';
import { takeBackup } from '../src/platform/backups';
import { takePostgresBackup } from '../src/platform/postgres-backups';
import { VERSION } from '../src/platform/version';

async function main() {
  loadDotEnv();
  const config = loadConfig(process.env);
  const backupDir = process.argv[2] ?? config.backups.dir;
  const where = { documentsPath: config.documentsPath, backupDir, keep: config.backups.keep, version: VERSION };
  const backup = config.databaseUrl ? await takePostgresBackup({ url: config.databaseUrl, ...where }) : takeBackup({ databasePath: config.databasePath, ...where });
  const database = config.databaseUrl ? `the PostgreSQL database (${backup.database.bytes} bytes of pg_dump, checked by pg_restore)` : `${config.databasePath} (${backup.database.bytes} bytes, integrity_check ok)`;
  console.error(`backed up ${database} and ${backup.documents.count} document(s) (${backup.documents.bytes} bytes) to ${backup.folder}; the newest ${config.backups.keep} backups in ${backupDir} are kept`);
  process.stdout.write(`${backup.folder}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
