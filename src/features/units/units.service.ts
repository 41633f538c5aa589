import type { Actor } from '../../platform/actor';
import { AppError, notFound, unknownReference } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import { yieldToOtherRequests } from '../../platform/yield';
import type { AuditService } from '../audit/audit.service';
import { parseUnitsCsv } from './units.csv';
import type { UnitRow, UnitsRepository } from './units.repository';
import type { UnitKind } from './units.rules';
import type { UnitCreateInput, UnitPatchInput } from './units.schemas';

export const unitView = (row: UnitRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  email: row.email,
  calendarTokenIssuedAt: row.calendarTokenIssuedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export type UnitsService = ReturnType<typeof createUnitsService>;

export function createUnitsService({ repository, uow, clock, audit }: { repository: UnitsRepository; uow: UnitOfWork; clock: Clock; audit: AuditService }) {
  const now = () => toStoredInstant(clock.now());

  function get(id: number): UnitRow {
    const row = repository.byId(id);
    if (!row) throw notFound('unit', id);
    return row;
  }

  return {
    create(actor: Actor, input: UnitCreateInput) {
      return uow.write(() => {
        const row = repository.insert({ code: input.code, name: input.name, kind: input.kind, email: input.email ?? null }, now());
        audit.record(actor, { action: 'unit.create', entity: 'unit', entityId: row.id, after: unitView(row) });
        return unitView(row);
      });
    },

    list: (filter: { kind?: UnitKind; code?: string; search?: string; limit: number; offset: number }) => repository.list(filter).map(unitView),

    get: (id: number) => unitView(get(id)),

    getByCode(code: string) {
      const row = repository.byCode(code);
      return row ? unitView(row) : undefined;
    },

    /** The unit a request body names (at `path`), or a 422 naming that field. */
    requireExisting(unitId: number, path = '/body/unitId'): { id: number; name: string; kind: UnitKind } {
      const unit = repository.byId(unitId);
      if (!unit) throw unknownReference(path, 'unit', unitId);
      return unit;
    },

    update(actor: Actor, id: number, patch: UnitPatchInput) {
      return uow.write(() => {
        const before = get(id);
        const after = repository.update(id, patch, now());
        audit.record(actor, { action: 'unit.update', entity: 'unit', entityId: id, before: unitView(before), after: unitView(after) });
        return unitView(after);
      });
    },

    /** Creates or updates (matched by code) every row of the CSV in one transaction, or nothing; a dry run checks and rolls back. */
    async importCsv(actor: Actor, text: string, options: { dryRun?: boolean } = {}) {
      const parsed = parseUnitsCsv(text);
      if (parsed.errors.length > 0)
        throw new AppError(422, 'IMPORT_INVALID', `${parsed.errors.length} line(s) of the file are invalid; nothing was imported`, parsed.errors);
      // Reading the file and writing it are two turns of the event loop, each well under
      // 100 ms for 5,000 rows, so other requests are answered in between.
      await yieldToOtherRequests();
      const stamp = now();
      return (options.dryRun ? uow.dryRun : uow.write)(() => {
        const existing = new Map(repository.byCodes(parsed.rows.map((r) => r.value.code)).map((u) => [u.code.toLowerCase(), u]));
        const fresh: UnitCreateInput[] = [];
        let updated = 0;
        let unchanged = 0;
        for (const { value: unit } of parsed.rows) {
          const values = { code: unit.code, name: unit.name, kind: unit.kind, email: unit.email ?? null };
          const before = existing.get(unit.code.toLowerCase());
          if (!before) fresh.push(values);
          else if (before.code === values.code && before.name === values.name && before.kind === values.kind && before.email === values.email) unchanged++;
          else {
            const row = repository.update(before.id, values, stamp);
            audit.record(actor, { action: 'unit.import', entity: 'unit', entityId: row.id, before: unitView(before), after: unitView(row) });
            updated++;
          }
        }
        const created = repository.insertMany(fresh.map((u) => ({ code: u.code, name: u.name, kind: u.kind, email: u.email ?? null })), stamp);
        audit.recordMany(actor, created.map((row) => ({ action: 'unit.import', entity: 'unit', entityId: row.id, after: unitView(row) })));
        return { created: created.length, updated, unchanged };
      });
    },

    /** Stores the hash of the unit's new private-feed token; the previous one stops working. */
    setCalendarToken(actor: Actor, unitId: number, tokenHash: string) {
      uow.write(() => {
        get(unitId);
        const issuedAt = now();
        repository.setCalendarToken(unitId, tokenHash, issuedAt);
        audit.record(actor, { action: 'unit.calendarToken', entity: 'unit', entityId: unitId, after: { calendarTokenIssuedAt: issuedAt } });
      });
    },

    byCalendarTokenHash: (hash: string) => repository.byCalendarTokenHash(hash),
    isRevokedCalendarToken: (hash: string) => repository.isRevokedCalendarToken(hash),
  };
}
