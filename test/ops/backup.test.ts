import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';
import { createContainer } from '../../src/container';
import { backup } from '../../scripts/backup';

it('takes a consistent backup while another connection keeps writing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-backup-'));
  const file = path.join(dir, 'sop.db');
  const database = openDatabase(file);
  const services = createContainer({ database, clock: systemClock });
  try {
    for (let i = 0; i < 300; i++) services.units.create(systemActor, { code: `U${i}`, name: `Unit ${i} ${'x'.repeat(200)}`, kind: 'dinas' });
    // Writes keep landing between the backup's turns on the event loop.
    let writes = 0;
    const writer = setInterval(() => {
      for (let i = 0; i < 20; i++) services.units.create(systemActor, { code: `W${writes++}`, name: 'Unit baru', kind: 'kantor' });
    }, 1);
    const copies = [];
    for (let i = 0; i < 3; i++) {
      copies.push(await backup(file, path.join(dir, `copy-${i}.db`)));
      await new Promise((r) => setTimeout(r, 5));
    }
    clearInterval(writer);
    expect(writes).toBeGreaterThan(0);
    for (const [i, result] of copies.entries()) {
      expect(result.integrity).toBe('ok');
      const copy = new Database(path.join(dir, `copy-${i}.db`), { readonly: true });
      // A snapshot: every unit in the copy has its audit entry, none half-copied.
      const { units, audited } = copy.prepare(`SELECT (SELECT count(*) FROM units) units, (SELECT count(*) FROM audit_log WHERE action = 'unit.create') audited`).get() as { units: number; audited: number };
      copy.close();
      expect(units).toBeGreaterThanOrEqual(300);
      expect(audited).toBe(units);
    }
    await expect(backup(file, path.join(dir, 'copy-0.db'))).rejects.toThrow('exists');
  } finally {
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
