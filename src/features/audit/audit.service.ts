import type { Actor } from '../../platform/actor';
import { parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import type { AuditFilter, AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** An instant of a filter (any offset) as the log stores instants. */
const stored = (iso?: string) => (iso ? toStoredInstant(parseInstant(iso)) : undefined);

/** Who the log says acted: a partner government as `partner:<slug>`. */
const roleOf = (actor: Actor) => (actor.partner ? `partner:${actor.partner}` : actor.role);

export function createAuditService({ repository, clock }: { repository: AuditRepository; clock: Clock }) {
  return {
    /**
     * Writes one entry. Call it inside the change's unit of work: the change and its record
     * commit together, or neither does.
     */
    async record(actor: Actor, entry: AuditEntry): Promise<void> {
      await repository.insert({ at: toStoredInstant(clock.now()), keyId: actor.keyId, userId: actor.userId ?? null, requestId: actor.requestId ?? null, role: roleOf(actor), ...entry });
    },

    /** Many entries of one change at once (imports), in its unit of work. */
    async recordMany(actor: Actor, entries: AuditEntry[]): Promise<void> {
      const at = toStoredInstant(clock.now());
      for (const entry of entries) await repository.insert({ at, keyId: actor.keyId, userId: actor.userId ?? null, requestId: actor.requestId ?? null, role: roleOf(actor), ...entry });
    },

    /** Newest first; `from` and `to` are instants (any offset), `to` exclusive. */
    async list(filter: AuditFilter & { limit: number; offset: number }) {
      return await repository.list({ ...filter, from: stored(filter.from), to: stored(filter.to) });
    },

    /** How many entries `list` would give without a limit (the console's "page n of m"). */
    async count(filter: AuditFilter) {
      return await repository.count({ ...filter, from: stored(filter.from), to: stored(filter.to) });
    },
    vocabulary: repository.vocabulary,
  };
}
