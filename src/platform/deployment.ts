import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './database';
import { deployment } from './deployment.tables';

/** This deployment's own id, made once and kept in the database (it survives a new address). */
export function deploymentUid(db: Db): string {
  db.insert(deployment).values({ id: 1, uid: randomBytes(8).toString('hex') }).onConflictDoNothing().run();
  return db.select({ uid: deployment.uid }).from(deployment).where(eq(deployment.id, 1)).get()!.uid;
}
