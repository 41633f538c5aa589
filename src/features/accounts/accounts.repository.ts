import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict, invalidField, notFound } from '../../platform/errors';
import type { FailureCount, Language, UserStatus } from './accounts.rules';
import { passwordLinks, sessions, signInFailures, users } from './accounts.tables';
import { once } from '../../platform/memo';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type LinkRow = typeof passwordLinks.$inferSelect;

export const accountConstraints: ConstraintErrors = {
  // 256-bit random tokens: a collision means a broken random source, not a user's mistake.
  sessions_pkey: () => conflict('TOKEN_COLLISION', 'The new session collided with another; sign in again'),
  password_links_pkey: () => conflict('TOKEN_COLLISION', 'The new link collided with another; try again'),
  password_links_purpose_check: () => invalidField('/body/purpose', 'must be invite or reset'),
  sign_in_failures_pkey: () => conflict('TOKEN_COLLISION', 'Failed sign-ins were counted twice at once; try again'),
  users_email_unique: () => conflict('EMAIL_TAKEN', 'Another account already uses this email', { field: 'email' }),
  users_role_check: () => invalidField('/body/role', 'must be organiser or unit'),
  users_unit_check: () => invalidField('/body/unitId', 'a unit operator needs unitId; an organiser has none'),
  users_status_check: () => invalidField('/body/status', 'is not an account status'),
  users_language_check: () => invalidField('/body/language', 'must be id or en'),
  users_active_has_password: () => conflict('NO_PASSWORD_YET', 'The account has no password yet: send it a set-password link'),
};

export function createAccountsRepository(db: Db) {
  const ph = (name: string) => sql.placeholder(name);
  // Runs on every page a signed-in person opens: prepared once.
  const sessionWithUser = once(() =>
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, ph('hash')))
      .prepare(),
  );

  const userById = async (id: number): Promise<UserRow | undefined> => db.select().from(users).where(eq(users.id, id)).get();

  return {
    userById,
    async requireUser(id: number): Promise<UserRow> {
      const user = await userById(id);
      if (!user) throw notFound('user', id);
      return user;
    },
    userByEmail: async (email: string): Promise<UserRow | undefined> =>
      db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
        .get(),
    listUsers: async (filter: { unitId?: number }): Promise<UserRow[]> =>
      db
        .select()
        .from(users)
        .where(filter.unitId === undefined ? undefined : eq(users.unitId, filter.unitId))
        .orderBy(asc(users.role), asc(users.unitId), asc(users.name))
        .all(),
    insertUser: async (values: Omit<UserRow, 'id' | 'passwordHash' | 'passwordChangedAt'>): Promise<UserRow> => db.insert(users).values(values).returning().get(),
    updateUser: async (id: number, values: Partial<Pick<UserRow, 'name' | 'status' | 'passwordHash' | 'passwordChangedAt' | 'language' | 'updatedAt'>>): Promise<UserRow> =>
      db.update(users).set(values).where(eq(users.id, id)).returning().get(),
    /** Sets the password only if the hash checked is still the one stored (no change in between). */
    replacePassword: async (id: number, expectedHash: string | null, values: Pick<UserRow, 'passwordHash' | 'passwordChangedAt' | 'status' | 'updatedAt'>): Promise<UserRow | undefined> =>
      db
        .update(users)
        .set(values)
        .where(and(eq(users.id, id), expectedHash === null ? isNull(users.passwordHash) : eq(users.passwordHash, expectedHash)))
        .returning()
        .get(),

    insertSession: async (values: SessionRow) => db.insert(sessions).values(values).run(),
    sessionWithUser: async (hash: string) => sessionWithUser().get({ hash }),
    touchSession: async (hash: string, at: string) => db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, hash)).run(),
    deleteSession: async (hash: string) => db.delete(sessions).where(eq(sessions.tokenHash, hash)).run().changes,
    /** Ends a person's sessions, but the one named (the browser that changed the password). */
    deleteSessionsOf: async (userId: number, except?: string) =>
      db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), except === undefined ? undefined : ne(sessions.tokenHash, except)))
        .run().changes,
    deleteExpiredSessions: async (now: string, idleSince: string) => db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince))).run().changes,
    countSessionsOf: async (userId: number) => db.$count(sessions, eq(sessions.userId, userId)),

    insertLink: async (values: Omit<LinkRow, 'usedAt'>) => db.insert(passwordLinks).values(values).run(),
    /** Older links of a person stop working when a new one is made. */
    deleteUnusedLinksOf: async (userId: number) =>
      db
        .delete(passwordLinks)
        .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt)))
        .run(),
    liveLink: async (hash: string, now: string): Promise<LinkRow | undefined> =>
      db
        .select()
        .from(passwordLinks)
        .where(and(eq(passwordLinks.tokenHash, hash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)))
        .get(),
    /** Marks a link used; false when another request used it first. */
    useLink: async (hash: string, now: string) =>
      db
        .update(passwordLinks)
        .set({ usedAt: now })
        .where(and(eq(passwordLinks.tokenHash, hash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)))
        .run().changes === 1,

    failures: async (subject: string): Promise<FailureCount | undefined> => db.select().from(signInFailures).where(eq(signInFailures.subject, subject)).get(),
    saveFailures: async (subject: string, count: FailureCount) =>
      db
        .insert(signInFailures)
        .values({ subject, ...count })
        .onConflictDoUpdate({ target: signInFailures.subject, set: count })
        .run(),
    clearFailures: async (subject: string) => db.delete(signInFailures).where(eq(signInFailures.subject, subject)).run(),
    deleteOldFailures: async (before: string) =>
      db
        .delete(signInFailures)
        .where(and(lt(signInFailures.firstFailureAt, before), or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, before))))
        .run(),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
export type { Language, UserStatus };
