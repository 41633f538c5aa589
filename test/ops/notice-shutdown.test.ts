import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createContainer } from '../../src/container';
import { systemActor } from '../../src/platform/actor';
import { openDatabase } from '../../src/platform/database';
import { systemClock } from '../../src/platform/time';
import { startMailCatcher } from '../../scripts/mail-catcher';
import { startServer } from '../helpers/server';
import { startStallingMailServer } from '../helpers/stalling-mail-server';

it('on SIGTERM with an email held by a stalling mail server, exits 0 within 5 s and the next start sends it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-notice-shutdown-'));
  const file = path.join(dir, 'sop.db');
  const setup = openDatabase(file);
  const services = createContainer({ database: setup, clock: systemClock });
  const unit = await services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
  await services.users.invite(systemActor, { email: 'rahmat@banjarmasinkota.go.id', name: 'Rahmat', role: 'unit', unitId: unit.id });
  setup.close();
  const smtp = await startStallingMailServer();
  const mail = await startMailCatcher();
  const deliveries = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT status, attempts, message_id AS messageId FROM notice_deliveries').all() as { status: string; attempts: number; messageId: string }[];
    } finally {
      db.close();
    }
  };
  try {
    // The default deadline of a send (60 s) is far off: only stopping ends this one.
    const stuck = await startServer(file, { env: { SMTP_URL: smtp.url, NOTICE_SHUTDOWN_SECONDS: '1' } });
    await smtp.stalling(1);
    const stopping = performance.now();
    stuck.child.kill('SIGTERM');
    expect(await stuck.exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(5000);
    const [left] = deliveries();
    expect(left).toMatchObject({ status: 'pending', attempts: 0 });

    const next = await startServer(file, { env: { SMTP_URL: mail.url } });
    while (mail.received.length === 0) await new Promise((r) => setTimeout(r, 50));
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(mail.received.map((r) => r.mail.messageId)).toEqual([left!.messageId]);
    expect(deliveries()).toEqual([{ status: 'sent', attempts: 1, messageId: left!.messageId }]);
  } finally {
    await smtp.close();
    await mail.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
