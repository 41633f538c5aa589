import type { Actor, Role } from '../../platform/actor';
import { requireOrganiser } from '../../platform/actor';
import { conflict, forbidden, invalidField } from '../../platform/errors';
import { hashSecret, randomSecret } from '../../platform/secrets';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { UnitsService } from '../units/units.service';
import type { AccountsRepository, UserRow } from './accounts.repository';
import { LINK_HOURS, type Language } from './accounts.rules';

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

export type UsersService = ReturnType<typeof createUsersService>;

/** Administering accounts: invitations, set-password links, renaming, disabling, a person's language. */
export function createUsersService(deps: {
  repository: AccountsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record' | 'forgetLinks'>;
  units: Pick<UnitsService, 'requireActive'>;
  /** Where set-password links point: `${baseUrl}/sandi/<token>`. */
  baseUrl: string;
}) {
  const { repository, uow, clock, audit, outbox, units, baseUrl } = deps;
  const now = () => toStoredInstant(clock.now());

  /**
   * A new single-use link for the person (older unused ones stop working), also sent to them
   * by email. Inside a unit of work.
   */
  async function issueLink(user: UserRow) {
    const token = randomSecret();
    const expiresAt = clock.now().plus({ hours: LINK_HOURS });
    const purpose = user.passwordHash ? 'reset' : 'invite';
    await repository.deleteUnusedLinksOf(user.id);
    await repository.insertLink({ tokenHash: hashSecret(token), userId: user.id, purpose, createdAt: now(), expiresAt: toStoredInstant(expiresAt) });
    const link = { url: `${baseUrl}/sandi/${token}`, expiresAt: expiresAt.toISO({ suppressMilliseconds: true })! };
    await outbox.record({ facts: { kind: 'account_link', purpose, expiresAt: link.expiresAt }, to: { userId: user.id }, unitId: user.unitId, secret: link.url });
    return link;
  }

  return {
    /** Creates an account (no password yet) and its first set-password link. Organisers only. */
    async invite(actor: Actor, input: { email: string; name: string; role: Role; unitId?: number | null; language?: Language }) {
      requireOrganiser(actor);
      const unitId = input.unitId ?? null;
      if (input.role === 'unit' && unitId === null) throw invalidField('/body/unitId', 'a unit operator needs unitId');
      if (input.role === 'organiser' && unitId !== null) throw invalidField('/body/unitId', 'an organiser is not bound to a unit');
      return await uow.write(async () => {
        if (unitId !== null) await units.requireActive(unitId);
        const at = now();
        const user = await repository.insertUser({ email: input.email.trim(), name: input.name.trim(), role: input.role, unitId, status: 'invited', language: input.language ?? 'id', createdAt: at, updatedAt: at });
        const link = await issueLink(user);
        await audit.record(actor, { action: 'user.invite', entity: 'user', entityId: user.id, after: userView(user) });
        return { ...userView(user), setPasswordUrl: link.url, linkExpiresAt: link.expiresAt };
      });
    },

    async list(actor: Actor, filter: { unitId?: number } = {}) {
      requireOrganiser(actor);
      return (await repository.listUsers(filter)).map(userView);
    },

    async get(actor: Actor, id: number) {
      requireOrganiser(actor);
      return userView(await repository.requireUser(id));
    },

    /** A new set-password link (a forgotten password, or a lost invitation). */
    async newLink(actor: Actor, id: number) {
      requireOrganiser(actor);
      return await uow.write(async () => {
        const user = await repository.requireUser(id);
        if (user.status === 'disabled') throw conflict('USER_DISABLED', `User ${id} is disabled: enable the account first`);
        const link = await issueLink(user);
        await audit.record(actor, { action: 'user.newLink', entity: 'user', entityId: id });
        return { userId: id, setPasswordUrl: link.url, linkExpiresAt: link.expiresAt };
      });
    },

    /** Renames, disables (ending every session and link) or enables an account. */
    async update(actor: Actor, id: number, patch: { name?: string; disabled?: boolean }) {
      requireOrganiser(actor);
      if (patch.disabled && actor.userId === id) throw forbidden('You cannot disable your own account');
      return await uow.write(async () => {
        const before = await repository.requireUser(id);
        const status = patch.disabled === undefined ? before.status : patch.disabled ? 'disabled' : before.status !== 'disabled' ? before.status : before.passwordHash ? 'active' : 'invited';
        const after = await repository.updateUser(id, { ...(patch.name === undefined ? {} : { name: patch.name.trim() }), status, updatedAt: now() });
        if (status === 'disabled') {
          await repository.deleteSessionsOf(id);
          await repository.deleteUnusedLinksOf(id);
          await outbox.forgetLinks(id);
        }
        await audit.record(actor, { action: 'user.update', entity: 'user', entityId: id, before: userView(before), after: userView(after) });
        return userView(after);
      });
    },

    async setLanguage(userId: number, language: Language) {
      await uow.write(async () => await repository.updateUser(userId, { language }));
    },

  };
}
