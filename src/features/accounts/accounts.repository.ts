import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { ascNullsFirst, first, prepared, returnedRow, rows, run } from '../../platform/statements';
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
    prepared(
      db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, ph('hash'))),
    ),
  );

  const userById = async (id: number): Promise<UserRow | undefined> => first(db.select().from(users).where(eq(users.id, id)));

  return {
    userById,
    async requireUser(id: number): Promise<UserRow> {
      const user = await userById(id);
      if (!user) throw notFound('user', id);
      return user;
    },
    userByEmail: async (email: string): Promise<UserRow | undefined> =>
      first(
        db
          .select()
          .from(users)
          .where(sql`lower(${users.email}) = ${email.toLowerCase()}`),
      ),
    listUsers: async (filter: { unitId?: number }): Promise<UserRow[]> =>
      rows(
        db
          .select()
          .from(users)
          .where(filter.unitId === undefined ? undefined : eq(users.unitId, filter.unitId))
          .orderBy(asc(users.role), ascNullsFirst(users.unitId), asc(users.name)),
      ),
    insertUser: async (values: Omit<UserRow, 'id' | 'passwordHash' | 'passwordChangedAt'>): Promise<UserRow> => returnedRow(db.insert(users).values(values).returning()),
    updateUser: async (id: number, values: Partial<Pick<UserRow, 'name' | 'status' | 'passwordHash' | 'passwordChangedAt' | 'language' | 'updatedAt'>>): Promise<UserRow> =>
      returnedRow(db.update(users).set(values).where(eq(users.id, id)).returning()),
    /** Sets the password only if the hash checked is still the one stored (no change in between). */
    replacePassword: async (id: number, expectedHash: string | null, values: Pick<UserRow, 'passwordHash' | 'passwordChangedAt' | 'status' | 'updatedAt'>): Promise<UserRow | undefined> =>
      first(
        db
          .update(users)
          .set(values)
          .where(and(eq(users.id, id), expectedHash === null ? isNull(users.passwordHash) : eq(users.passwordHash, expectedHash)))
          .returning(),
      ),

    insertSession: async (values: SessionRow) => run(db.insert(sessions).values(values)),
    sessionWithUser: async (hash: string) => sessionWithUser().get({ hash }),
    touchSession: async (hash: string, at: string) => run(db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, hash))),
    deleteSession: async (hash: string) => run(db.delete(sessions).where(eq(sessions.tokenHash, hash))),
    /** Ends a person's sessions, but the one named (the browser that changed the password). */
    deleteSessionsOf: async (userId: number, except?: string) =>
      run(
        db
          .delete(sessions)
          .where(and(eq(sessions.userId, userId), except === undefined ? undefined : ne(sessions.tokenHash, except))),
      ),
    deleteExpiredSessions: async (now: string, idleSince: string) => run(db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)))),
    countSessionsOf: async (userId: number) => db.$count(sessions, eq(sessions.userId, userId)),

    insertLink: async (values: Omit<LinkRow, 'usedAt'>) => run(db.insert(passwordLinks).values(values)),
    /** Older links of a person stop working when a new one is made. */
    deleteUnusedLinksOf: async (userId: number) =>
      run(
        db
          .delete(passwordLinks)
          .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt))),
      ),
    liveLink: async (hash: string, now: string): Promise<LinkRow | undefined> =>
      first(
        db
          .select()
          .from(passwordLinks)
          .where(and(eq(passwordLinks.tokenHash, hash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now))),
      ),
    /** Marks a link used; false when another request used it first. */
    useLink: async (hash: string, now: string) =>
      (await run(
        db
          .update(passwordLinks)
          .set({ usedAt: now })
          .where(and(eq(passwordLinks.tokenHash, hash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now))),
      )) === 1,


    failures: async (subject: string): Promise<FailureCount | undefined> => first(db.select().from(signInFailures).where(eq(signInFailures.subject, subject))),
    saveFailures: async (subject: string, count: FailureCount) =>
      run(
        db
          .insert(signInFailures)
          .values({ subject, ...count })
          .onConflictDoUpdate({ target: signInFailures.subject, set: count }),
      ),
    /**
     * Counts one more failure of `subject` in one statement, so that processes sharing the
     * database count into one row: a window that began at or before `windowStart` begins
     * again at `at`. Answers the count in the window and when the window began.
     */
    countFailure: async (subject: string, at: string, windowStart: string) => {
      const windowOver = sql`${signInFailures.firstFailureAt} <= ${windowStart}`;
      return returnedRow(
        db
          .insert(signInFailures)
          .values({ subject, failures: 1, firstFailureAt: at })
          .onConflictDoUpdate({
            target: signInFailures.subject,
            set: {
              failures: sql`CASE WHEN ${windowOver} THEN 1 ELSE ${signInFailures.failures} + 1 END`,
              firstFailureAt: sql`CASE WHEN ${windowOver} THEN ${at} ELSE ${signInFailures.firstFailureAt} END`,
            },
          })
          .returning({ failures: signInFailures.failures, firstFailureAt: signInFailures.firstFailureAt }),
      );
    },
    clearFailures: async (subject: string) => run(db.delete(signInFailures).where(eq(signInFailures.subject, subject))),
    deleteOldFailures: async (before: string) =>
      run(
        db
          .delete(signInFailures)
          .where(and(lt(signInFailures.firstFailureAt, before), or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, before)))),
      ),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
export type { Language, UserStatus };
