import fs from 'node:fs';
import path from 'node:path';

/**
 * Which server processes use a database file: each running server leaves a file named by its
 * process id in `<database>.servers/` while it runs, so a restore can refuse to replace the
 * database under a live server. A file whose process is gone (killed) counts for nothing.
 */
const folderOf = (databasePath: string) => `${databasePath}.servers`;

/** Whether a process with this id runs (one of another user's counts: it exists). */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Marks this process as a server of the database; answers the function that unmarks it. */
export function announceServer(databasePath: string): () => void {
  const folder = folderOf(databasePath);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, String(process.pid));
  fs.writeFileSync(file, `${new Date().toISOString()}\n`);
  return () => fs.rmSync(file, { force: true });
}

/** The process ids of live servers using the database (stale marks are removed). */
export function serversOf(databasePath: string): number[] {
  const folder = folderOf(databasePath);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).flatMap((name) => {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) return [];
    if (alive(pid)) return [pid];
    fs.rmSync(path.join(folder, name), { force: true });
    return [];
  });
}
