/**
 * Takes a backup now, while the server keeps running: a folder in BACKUP_DIR (or the folder
 * given) holding a consistent copy of the database and the documents it names, checked; the
 * oldest beyond BACKUP_KEEP are removed. The server takes one daily at BACKUP_TIME too.
 *   npm run backup                  → BACKUP_DIR/sop-20131021T020000Z
 *   npm run backup -- /mnt/usb      → /mnt/usb/sop-20131021T020000Z
 * Restore with `npm run restore -- <backup folder>`.
 */
import { loadConfig, loadDotEnv } from '../src/config';
import { takeBackup } from '../src/platform/backups';
import { VERSION } from '../src/platform/version';

if (require.main === module) {
  try {
    loadDotEnv();
    const config = loadConfig(process.env);
    const backupDir = process.argv[2] ?? config.backups.dir;
    const backup = takeBackup({ databasePath: config.databasePath, documentsPath: config.documentsPath, backupDir, keep: config.backups.keep, version: VERSION });
    console.error(
      `backed up ${config.databasePath} (${backup.database.bytes} bytes, integrity_check ok) and ${backup.documents.count} document(s) (${backup.documents.bytes} bytes) to ${backup.folder}; the newest ${config.backups.keep} backups in ${backupDir} are kept`,
    );
    process.stdout.write(`${backup.folder}\n`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
