import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './database';
import { deployment } from './deployment.tables';

/** This deployment's own id, made once and kept in the database (it survives a new address). */
export async function deploymentUid(db: Db): Promise<string> {
  await db.insert(deployment).values({ id: 1, uid: randomBytes(8).toString('hex') }).onConflictDoNothing();
  const [row] = await db.select({ uid: deployment.uid }).from(deployment).where(eq(deployment.id, 1));
  return row!.uid;
}
