import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database';
import { programmes } from './programmes.tables';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type ProgrammeValues = Pick<ProgrammeRow, 'name' | 'timezone' | 'draftDeadline' | 'finalDeadline' | 'organiserEmail' | 'publicCalendar'>;

export function createProgrammesRepository(db: Db) {
  // Every schedule read asks for its programme's zone: prepared once.
  const byId = db.select().from(programmes).where(eq(programmes.id, sql.placeholder('id'))).prepare();

  return {
    byId: (id: number): ProgrammeRow | undefined => byId.get({ id }),
    byName: (name: string): ProgrammeRow | undefined => db.select().from(programmes).where(eq(programmes.name, name)).get(),
    list: (): ProgrammeRow[] => db.select().from(programmes).orderBy(asc(programmes.id)).all(),
    insert: (values: ProgrammeValues, now: string): ProgrammeRow => db.insert(programmes).values({ ...values, createdAt: now, updatedAt: now }).returning().get(),
    update: (id: number, values: Partial<ProgrammeValues>, now: string): ProgrammeRow =>
      db.update(programmes).set({ ...values, updatedAt: now }).where(eq(programmes.id, id)).returning().get(),
  };
}

export type ProgrammesRepository = ReturnType<typeof createProgrammesRepository>;
