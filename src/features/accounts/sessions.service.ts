import { DateTime } from 'luxon';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../platform/actor';
import { AppError, conflict } from '../../platform/errors';
import { hashSecret, randomSecret } from '../../platform/secrets';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { AccountsRepository, UserRow } from './accounts.repository';
import { afterFailure, DEVICE_DAYS, deviceLive, lockedUntil, passwordProblem, sessionLive, takeBackAttempt, THROTTLE, touchDue, type SessionLimits } from './accounts.rules';
import { hashPassword, isCommonPassword, verifyPassword } from './passwords';
import { userView, type UserView } from './users.service';
import { mapInOrder } from '../../platform/in-order';

/** Who a session belongs to, as pages need it. */
export interface SignedIn {
  user: Pick<UserView, 'id' | 'email' | 'name' | 'role' | 'unitId' | 'language'>;
  actor: Actor;
  /** The stored hash of the session's token: names this browser's session. */
  sessionId: string;
}

export type SessionsService = ReturnType<typeof createSessionsService>;

const signInFailed = () => new AppError(401, 'SIGN_IN_FAILED', 'The email or the password is wrong');
const linkExpired = (message = 'This link has expired or was already used; ask the organiser for a new one') => new AppError(410, 'LINK_EXPIRED', message);
const userActor = (user: UserRow, requestId?: string): Actor => ({ keyId: null, userId: user.id, role: user.role, unitId: user.unitId, requestId });

/** Signing in and out, sessions, and passwords (set from a link, changed by their owner). */
export function createSessionsService(deps: {
  repository: AccountsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'forgetLinks'>;
  sessionLimits: SessionLimits;
  /** The organisation's and the programmes' names: a password made of their words (and the year) is refused as common. */
  contextNames?: () => Promise<readonly string[]>;
}) {
  const { repository, uow, clock, audit, outbox, sessionLimits } = deps;
  const now = () => toStoredInstant(clock.now());
  // An unknown email costs the same argon2 work as a known one: timing tells nothing.
  let decoyHash: Promise<string> | undefined;

  async function checkPassword(password: string, email: string) {
    const problem = passwordProblem(password, email, isCommonPassword, { names: await deps.contextNames?.() ?? [], year: clock.now().year });
    if (!problem) return;
    const messages = {
      tooShort: 'must be at least 10 characters',
      tooLong: 'must be at most 200 characters',
      common: 'is too common (a common password, or only words of this service, its organisation or its programmes with numbers): choose a password nobody would guess',
      likeEmail: 'must not contain your email address',
    };
    throw new AppError(422, 'WEAK_PASSWORD', `The password ${messages[problem]}`, [{ path: '/body/password', message: messages[problem] }], { reason: problem });
  }

  const accountSubject = (email: string) => `email:${hashSecret(email.trim().toLowerCase())}`;

  /**
   * Where a sign-in's failures are counted, with their limits: a browser the account knows (its
   * device cookie) only on itself; any other on the account and on the address.
   */
  const counters = (email: string, address: string, device: string | undefined): [string, number][] =>
    device ? [[device, THROTTLE.perDevice]] : [[accountSubject(email), THROTTLE.perAccount], [`address:${address}`, THROTTLE.perAddress]];

  /**
   * Counts a sign-in attempt as a failure before its password is checked, in the transaction that
   * checks the lock: guesses sent at once cannot all pass the check while the hashes are computed.
   * A right password takes its attempt back (`takeBackAttempt`).
   */
  async function countAttempt(subjects: [string, number][], at: DateTime) {
    await uow.write(async () => {
      const locked = lockedUntil(await mapInOrder(subjects, async ([subject]) => await repository.failures(subject)), at);
      if (locked) throw new AppError(429, 'SIGN_IN_LOCKED', 'Too many failed sign-ins: try again later', undefined, { retryAt: locked.toUTC().toISO({ suppressMilliseconds: true }), retryAfterSeconds: Math.ceil(locked.diff(at).as('seconds')) });
      for (const [subject, limit] of subjects) await repository.saveFailures(subject, afterFailure(await repository.failures(subject), at, limit));
    });
  }

  // A device cookie (OWASP's device cookie against lock-outs): "<user id>.<issued, epoch s>.<nonce>.<MAC>".
  // The MAC's key is the account's password hash, a secret only the server holds: no key to keep
  // beside it, and a new password (a reset after a theft) retires every browser's cookie at once.
  const deviceMac = (user: UserRow, issued: string, nonce: string) =>
    createHmac('sha256', user.passwordHash!).update(`device\n${user.id}\n${issued}\n${nonce}`).digest();

  function deviceCookie(user: UserRow, at: DateTime): string {
    const issued = String(Math.floor(at.toSeconds()));
    const nonce = randomSecret();
    return `${user.id}.${issued}.${nonce}.${deviceMac(user, issued, nonce).toString('base64url')}`;
  }

  /** The failure counter of a browser whose device cookie vouches for it with this account, if it does. */
  function knownDevice(cookie: string | undefined, user: UserRow | undefined, at: DateTime): string | undefined {
    const parts = cookie && /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
    if (!parts || !user?.passwordHash || user.status !== 'active' || Number(parts[1]) !== user.id) return undefined;
    const [, , issued, nonce, mac] = parts as unknown as [string, string, string, string, string];
    if (!deviceLive(DateTime.fromSeconds(Number(issued)), at)) return undefined;
    if (!timingSafeEqual(Buffer.from(mac, 'base64url'), deviceMac(user, issued, nonce))) return undefined;
    return `device:${hashSecret(nonce)}`;
  }

  return {
    /** Whom a set-password link is for, while it can still be used. */
    async linkHolder(token: string) {
      const link = await repository.liveLink(hashSecret(token), now());
      const user = link && await repository.userById(link.userId);
      return user && user.status !== 'disabled' ? { name: user.name, email: user.email, purpose: link.purpose } : undefined;
    },

    /** Sets the password through a one-time link; every session of the person ends. */
    async setPassword(token: string, password: string) {
      const hash = hashSecret(token);
      const link = await repository.liveLink(hash, now());
      const holder = link && await repository.userById(link.userId);
      if (!link || !holder || holder.status === 'disabled') throw linkExpired();
      await checkPassword(password, holder.email);
      const passwordHash = await hashPassword(password);
      return await uow.write(async () => {
        if (!await repository.useLink(hash, now())) throw linkExpired();
        const user = await repository.requireUser(link.userId);
        if (user.status === 'disabled') throw linkExpired('This account is disabled');
        const after = await repository.updateUser(user.id, { passwordHash, passwordChangedAt: now(), status: 'active', updatedAt: now() });
        await repository.deleteSessionsOf(user.id);
        // The link was passed on some other way (WhatsApp): its email, if still waiting, would carry a used link.
        await outbox.forgetLinks(user.id);
        await audit.record(userActor(user), { action: 'user.setPassword', entity: 'user', entityId: user.id, before: { status: user.status }, after: { status: after.status } });
        return userView(after);
      });
    },

    /**
     * A new session for the right email and password, and a new device cookie for the browser.
     * Refusals say the same for an unknown email, a wrong password and a disabled account;
     * repeated failures lock the account (and the address) for a while, except for a browser
     * whose device cookie shows it signed in to the account before: only its own failures lock it.
     */
    async signIn(email: string, password: string, from: { address: string; requestId?: string; device?: string }) {
      const at = clock.now();
      const user = await repository.userByEmail(email.trim());
      const device = knownDevice(from.device, user, at);
      const subjects = counters(email, from.address, device);
      await countAttempt(subjects, at);
      const stored = user?.passwordHash ?? (await (decoyHash ??= hashPassword(randomSecret())));
      const matches = await verifyPassword(stored, password.slice(0, 1000));
      if (!matches || !user || user.status !== 'active') {
        if (user) await uow.write(async () => await audit.record(userActor(user), { action: 'user.signInFailed', entity: 'user', entityId: user.id }));
        throw signInFailed();
      }
      const token = randomSecret();
      await uow.write(async () => {
        // The password or the status may have changed while the hash was being checked.
        const current = await repository.requireUser(user.id);
        if (current.status !== 'active' || current.passwordHash !== user.passwordHash) throw signInFailed();
        const time = now();
        await repository.insertSession({ tokenHash: hashSecret(token), userId: user.id, createdAt: time, lastSeenAt: time, expiresAt: toStoredInstant(clock.now().plus({ hours: sessionLimits.absoluteHours })) });
        for (const [subject, limit] of subjects) {
          const count = await repository.failures(subject);
          if (count) await repository.saveFailures(subject, takeBackAttempt(count, limit));
        }
        // Others' failures on the account still count after this browser, known to it, signs in.
        if (!device) await repository.clearFailures(accountSubject(email));
        await audit.record(userActor(user, from.requestId), { action: 'user.signIn', entity: 'user', entityId: user.id });
      });
      return { token, user: userView(user), device: { cookie: deviceCookie(user, at), days: DEVICE_DAYS } };
    },

    /** The person a session token stands for, if the session is live and the account active. */
    async session(token: string, requestId?: string): Promise<SignedIn | undefined> {
      const sessionId = hashSecret(token);
      const found = await repository.sessionWithUser(sessionId);
      if (!found || found.user.status !== 'active') return undefined;
      const at = clock.now();
      if (!sessionLive(found.session, at, sessionLimits)) {
        await repository.deleteSession(sessionId);
        return undefined;
      }
      if (touchDue(found.session.lastSeenAt, at)) await repository.touchSession(sessionId, toStoredInstant(at));
      return { user: userView(found.user), actor: userActor(found.user, requestId), sessionId };
    },

    async signOut(signedIn: SignedIn) {
      await uow.write(async () => {
        await repository.deleteSession(signedIn.sessionId);
        await audit.record(signedIn.actor, { action: 'user.signOut', entity: 'user', entityId: signedIn.user.id });
      });
    },

    /** Ends every session of the person, this one included. */
    async signOutEverywhere(signedIn: SignedIn) {
      await uow.write(async () => {
        await repository.deleteSessionsOf((await repository.requireUser(signedIn.user.id)).id);
        await audit.record(signedIn.actor, { action: 'user.signOutEverywhere', entity: 'user', entityId: signedIn.user.id });
      });
    },

    /** Changes the password; every other session of the person ends, this one stays. */
    async changePassword(signedIn: SignedIn, current: string, next: string) {
      const user = await repository.requireUser(signedIn.user.id);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current.slice(0, 1000))))
        throw new AppError(422, 'WRONG_PASSWORD', 'The current password is wrong', [{ path: '/body/currentPassword', message: 'is wrong' }]);
      await checkPassword(next, user.email);
      const passwordHash = await hashPassword(next);
      await uow.write(async () => {
        const changed = await repository.replacePassword(user.id, user.passwordHash, { passwordHash, passwordChangedAt: now(), status: 'active', updatedAt: now() });
        if (!changed) throw conflict('PASSWORD_CHANGED', 'The password was changed meanwhile; sign in again');
        await repository.deleteSessionsOf(user.id, signedIn.sessionId);
        await audit.record(signedIn.actor, { action: 'user.changePassword', entity: 'user', entityId: user.id });
      });
    },

    /**
     * Counts one wrong credential (an API key, a feed address) from a client, in the database:
     * processes sharing it count into one budget. Answers the failures in the current window of
     * `windowSeconds` and when that window ends.
     */
    async countFailedCredential(subject: string, windowSeconds: number) {
      const at = clock.now();
      const counted = await repository.countFailure(subject, toStoredInstant(at), toStoredInstant(at.minus({ seconds: windowSeconds })));
      return { failures: counted.failures, windowEndsAt: DateTime.fromISO(counted.firstFailureAt).plus({ seconds: windowSeconds }) };
    },

    /** Removes ended sessions and old failure counts (run now and then). */
    async prune() {
      const at = clock.now();
      await uow.write(async () => {
        await repository.deleteExpiredSessions(toStoredInstant(at), toStoredInstant(at.minus({ minutes: sessionLimits.idleMinutes })));
        await repository.deleteOldFailures(toStoredInstant(at.minus({ minutes: THROTTLE.windowMinutes + THROTTLE.lockMinutes })));
      });
    },
  };
}
