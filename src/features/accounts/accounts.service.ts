import type { DateTime } from 'luxon';
import type { Actor, Role } from '../../platform/actor';
import { requireOrganiser } from '../../platform/actor';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import { hashSecret, randomSecret } from '../../platform/secrets';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { UnitsService } from '../units/units.service';
import type { AccountsRepository, UserRow } from './accounts.repository';
import { afterFailure, LINK_HOURS, lockedUntil, passwordProblem, sessionLive, THROTTLE, touchDue, type Language, type SessionLimits } from './accounts.rules';
import { hashPassword, isCommonPassword, verifyPassword } from './passwords';

export const userView = (row: UserRow) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  unitId: row.unitId,
  status: row.status,
  language: row.language,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type UserView = ReturnType<typeof userView>;

/** Who a session belongs to, as pages need it. */
export interface SignedIn {
  user: Pick<UserView, 'id' | 'email' | 'name' | 'role' | 'unitId' | 'language'>;
  actor: Actor;
  /** The stored hash of the session's token: names this browser's session. */
  sessionId: string;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

const signInFailed = () => new AppError(401, 'SIGN_IN_FAILED', 'The email or the password is wrong');

export function createAccountsService(deps: {
  repository: AccountsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record' | 'forgetLinks'>;
  units: Pick<UnitsService, 'requireExisting'>;
  /** Where set-password links point: `${baseUrl}/sandi/<token>`. */
  baseUrl: string;
  sessionLimits: SessionLimits;
}) {
  const { repository, uow, clock, audit, outbox, units, baseUrl, sessionLimits } = deps;
  const now = () => toStoredInstant(clock.now());
  const userActor = (user: UserRow, requestId?: string): Actor => ({ keyId: null, userId: user.id, role: user.role, unitId: user.unitId, requestId });
  // An unknown email costs the same argon2 work as a known one: timing tells nothing.
  let decoyHash: Promise<string> | undefined;

  function requireUser(id: number): UserRow {
    const user = repository.userById(id);
    if (!user) throw notFound('user', id);
    return user;
  }

  /**
   * A new single-use link for the person (older unused ones stop working), also sent to them
   * by email. Inside a unit of work.
   */
  function issueLink(user: UserRow) {
    const token = randomSecret();
    const expiresAt = clock.now().plus({ hours: LINK_HOURS });
    const purpose = user.passwordHash ? 'reset' : 'invite';
    repository.deleteUnusedLinksOf(user.id);
    repository.insertLink({ tokenHash: hashSecret(token), userId: user.id, purpose, createdAt: now(), expiresAt: toStoredInstant(expiresAt) });
    const link = { url: `${baseUrl}/sandi/${token}`, expiresAt: expiresAt.toISO({ suppressMilliseconds: true })! };
    outbox.record({ facts: { kind: 'account_link', purpose, expiresAt: link.expiresAt }, to: { userId: user.id }, unitId: user.unitId, secret: link.url });
    return link;
  }

  function checkPassword(password: string, email: string) {
    const problem = passwordProblem(password, email, isCommonPassword);
    if (!problem) return;
    const messages = {
      tooShort: 'must be at least 10 characters',
      tooLong: 'must be at most 200 characters',
      common: 'is too common: choose a password nobody would guess',
      likeEmail: 'must not contain your email address',
    };
    throw new AppError(422, 'WEAK_PASSWORD', `The password ${messages[problem]}`, [{ path: '/body/password', message: messages[problem] }], { reason: problem });
  }

  function endSessions(user: UserRow, except?: string) {
    repository.deleteSessionsOf(user.id, except);
  }

  const subjects = (email: string, address: string) => [`email:${hashSecret(email.trim().toLowerCase())}`, `address:${address}`];

  function recordFailure(email: string, address: string, user: UserRow | undefined, at: DateTime) {
    uow.write(() => {
      const [account, network] = subjects(email, address);
      repository.saveFailures(account!, afterFailure(repository.failures(account!), at, THROTTLE.perAccount));
      repository.saveFailures(network!, afterFailure(repository.failures(network!), at, THROTTLE.perAddress));
      if (user) audit.record(userActor(user), { action: 'user.signInFailed', entity: 'user', entityId: user.id });
    });
  }

  return {
    /** Creates an account (no password yet) and its first set-password link. Organisers only. */
    invite(actor: Actor, input: { email: string; name: string; role: Role; unitId?: number | null; language?: Language }) {
      requireOrganiser(actor);
      const unitId = input.unitId ?? null;
      if (input.role === 'unit' && unitId === null) throw invalidField('/body/unitId', 'a unit operator needs unitId');
      if (input.role === 'organiser' && unitId !== null) throw invalidField('/body/unitId', 'an organiser is not bound to a unit');
      return uow.write(() => {
        if (unitId !== null) units.requireExisting(unitId);
        const at = now();
        const user = repository.insertUser({ email: input.email.trim(), name: input.name.trim(), role: input.role, unitId, status: 'invited', language: input.language ?? 'id', createdAt: at, updatedAt: at });
        const link = issueLink(user);
        audit.record(actor, { action: 'user.invite', entity: 'user', entityId: user.id, after: userView(user) });
        return { ...userView(user), setPasswordUrl: link.url, linkExpiresAt: link.expiresAt };
      });
    },

    list(actor: Actor, filter: { unitId?: number } = {}) {
      requireOrganiser(actor);
      return repository.listUsers(filter).map(userView);
    },

    get(actor: Actor, id: number) {
      requireOrganiser(actor);
      return userView(requireUser(id));
    },

    /** A new set-password link (a forgotten password, or a lost invitation). */
    newLink(actor: Actor, id: number) {
      requireOrganiser(actor);
      return uow.write(() => {
        const user = requireUser(id);
        if (user.status === 'disabled') throw conflict('USER_DISABLED', `User ${id} is disabled: enable the account first`);
        const link = issueLink(user);
        audit.record(actor, { action: 'user.newLink', entity: 'user', entityId: id });
        return { userId: id, setPasswordUrl: link.url, linkExpiresAt: link.expiresAt };
      });
    },

    /** Renames, disables (ending every session and link) or enables an account. */
    update(actor: Actor, id: number, patch: { name?: string; disabled?: boolean }) {
      requireOrganiser(actor);
      if (patch.disabled && actor.userId === id) throw forbidden('You cannot disable your own account');
      return uow.write(() => {
        const before = requireUser(id);
        const status = patch.disabled === undefined ? before.status : patch.disabled ? 'disabled' : before.status !== 'disabled' ? before.status : before.passwordHash ? 'active' : 'invited';
        const after = repository.updateUser(id, { ...(patch.name === undefined ? {} : { name: patch.name.trim() }), status, updatedAt: now() });
        if (status === 'disabled') {
          endSessions(after);
          repository.deleteUnusedLinksOf(id);
          outbox.forgetLinks(id);
        }
        audit.record(actor, { action: 'user.update', entity: 'user', entityId: id, before: userView(before), after: userView(after) });
        return userView(after);
      });
    },

    /** Whom a set-password link is for, while it can still be used. */
    linkHolder(token: string) {
      const link = repository.liveLink(hashSecret(token), now());
      const user = link && repository.userById(link.userId);
      return user && user.status !== 'disabled' ? { name: user.name, email: user.email, purpose: link.purpose } : undefined;
    },

    /** Sets the password through a one-time link; every session of the person ends. */
    async setPassword(token: string, password: string) {
      const hash = hashSecret(token);
      const link = repository.liveLink(hash, now());
      const holder = link && repository.userById(link.userId);
      if (!link || !holder || holder.status === 'disabled') throw new AppError(410, 'LINK_EXPIRED', 'This link has expired or was already used; ask the organiser for a new one');
      checkPassword(password, holder.email);
      const passwordHash = await hashPassword(password);
      return uow.write(() => {
        if (!repository.useLink(hash, now())) throw new AppError(410, 'LINK_EXPIRED', 'This link has expired or was already used; ask the organiser for a new one');
        const user = requireUser(link.userId);
        if (user.status === 'disabled') throw new AppError(410, 'LINK_EXPIRED', 'This account is disabled');
        const after = repository.updateUser(user.id, { passwordHash, passwordChangedAt: now(), status: 'active', updatedAt: now() });
        endSessions(user);
        // The link was passed on some other way (WhatsApp): its email, if still waiting, would carry a used link.
        outbox.forgetLinks(user.id);
        audit.record(userActor(user), { action: 'user.setPassword', entity: 'user', entityId: user.id, before: { status: user.status }, after: { status: after.status } });
        return userView(after);
      });
    },

    /**
     * A new session for the right email and password. Refusals say the same for an unknown
     * email, a wrong password and a disabled account; repeated failures lock the account (and
     * the address) for a while.
     */
    async signIn(email: string, password: string, address: string, requestId?: string) {
      const at = clock.now();
      const locked = lockedUntil(subjects(email, address).map((s) => repository.failures(s)), at);
      if (locked) throw new AppError(429, 'SIGN_IN_LOCKED', 'Too many failed sign-ins: try again later', undefined, { retryAt: locked.toUTC().toISO({ suppressMilliseconds: true }) });
      const user = repository.userByEmail(email.trim());
      const stored = user?.passwordHash ?? (await (decoyHash ??= hashPassword(randomSecret())));
      const matches = await verifyPassword(stored, password.slice(0, 1000));
      if (!matches || !user || user.status !== 'active') {
        recordFailure(email, address, user, at);
        throw signInFailed();
      }
      const token = randomSecret();
      uow.write(() => {
        // The password or the status may have changed while the hash was being checked.
        const current = requireUser(user.id);
        if (current.status !== 'active' || current.passwordHash !== user.passwordHash) throw signInFailed();
        const time = now();
        repository.insertSession({ tokenHash: hashSecret(token), userId: user.id, createdAt: time, lastSeenAt: time, expiresAt: toStoredInstant(clock.now().plus({ hours: sessionLimits.absoluteHours })) });
        repository.clearFailures(subjects(email, address)[0]!);
        audit.record(userActor(user, requestId), { action: 'user.signIn', entity: 'user', entityId: user.id });
      });
      return { token, user: userView(user) };
    },

    /** The person a session token stands for, if the session is live and the account active. */
    session(token: string, requestId?: string): SignedIn | undefined {
      const sessionId = hashSecret(token);
      const found = repository.sessionWithUser(sessionId);
      if (!found || found.user.status !== 'active') return undefined;
      const at = clock.now();
      if (!sessionLive(found.session, at, sessionLimits)) {
        repository.deleteSession(sessionId);
        return undefined;
      }
      if (touchDue(found.session.lastSeenAt, at)) repository.touchSession(sessionId, toStoredInstant(at));
      return { user: userView(found.user), actor: userActor(found.user, requestId), sessionId };
    },

    signOut(signedIn: SignedIn) {
      uow.write(() => {
        repository.deleteSession(signedIn.sessionId);
        audit.record(signedIn.actor, { action: 'user.signOut', entity: 'user', entityId: signedIn.user.id });
      });
    },

    /** Ends every session of the person, this one included. */
    signOutEverywhere(signedIn: SignedIn) {
      uow.write(() => {
        endSessions(requireUser(signedIn.user.id));
        audit.record(signedIn.actor, { action: 'user.signOutEverywhere', entity: 'user', entityId: signedIn.user.id });
      });
    },

    /** Changes the password; every other session of the person ends, this one stays. */
    async changePassword(signedIn: SignedIn, current: string, next: string) {
      const user = requireUser(signedIn.user.id);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current.slice(0, 1000))))
        throw new AppError(422, 'WRONG_PASSWORD', 'The current password is wrong', [{ path: '/body/currentPassword', message: 'is wrong' }]);
      checkPassword(next, user.email);
      const passwordHash = await hashPassword(next);
      uow.write(() => {
        const changed = repository.replacePassword(user.id, user.passwordHash, { passwordHash, passwordChangedAt: now(), status: 'active', updatedAt: now() });
        if (!changed) throw conflict('PASSWORD_CHANGED', 'The password was changed meanwhile; sign in again');
        endSessions(user, signedIn.sessionId);
        audit.record(signedIn.actor, { action: 'user.changePassword', entity: 'user', entityId: user.id });
      });
    },

    setLanguage(userId: number, language: Language) {
      uow.write(() => repository.updateUser(userId, { language }));
    },

    /** Removes ended sessions and old failure counts (run now and then). */
    prune() {
      const at = clock.now();
      uow.write(() => {
        repository.deleteExpiredSessions(toStoredInstant(at), toStoredInstant(at.minus({ minutes: sessionLimits.idleMinutes })));
        repository.deleteOldFailures(toStoredInstant(at.minus({ minutes: THROTTLE.windowMinutes + THROTTLE.lockMinutes })));
      });
    },
  };
}
