import type { Actor } from '../../platform/actor';
import { importInvalid, type ImportOutcome } from '../../platform/csv-import';
import { AppError, notFound, unknownReference } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import { yieldToOtherRequests } from '../../platform/yield';
import type { AuditService } from '../audit/audit.service';
import type { Offloaded } from '../../platform/worker-pool';
import type { parseUnitsCsv } from './units.csv';
import type { UnitRow, UnitsRepository } from './units.repository';
import type { UnitKind, UnitStatusFilter } from './units.rules';
import type { UnitCreateInput, UnitPatchInput } from './units.schemas';

export const unitView = (row: UnitRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  email: row.email,
  active: row.deactivatedAt === null,
  deactivatedAt: row.deactivatedAt,
  calendarTokenIssuedAt: row.calendarTokenIssuedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export type UnitsService = ReturnType<typeof createUnitsService>;

/** A deactivated unit named by a new enrolment, booking, draft, request or invitation: 409 naming the field. */
const unitInactive = (unit: UnitRow, path: string) =>
  new AppError(
    409,
    'UNIT_INACTIVE',
    `Unit ${unit.name} was deactivated on ${unit.deactivatedAt}: it takes part in nothing new; reactivate it first (PATCH /units/${unit.id} {"active": true})`,
    [{ path, message: `unit ${unit.id} (${unit.name}) is deactivated` }],
    { unitId: unit.id, unitName: unit.name },
  );

export function createUnitsService({
  repository,
  uow,
  clock,
  audit,
  files,
}: {
  repository: UnitsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  /** The import file's parser, run in a worker thread (a 2 MB file takes most of a second). */
  files: Offloaded<{ parseUnitsCsv: typeof parseUnitsCsv }>;
}) {
  const now = () => toStoredInstant(clock.now());

  async function get(id: number): Promise<UnitRow> {
    const row = await repository.byId(id);
    if (!row) throw notFound('unit', id);
    return row;
  }

  return {
    async create(actor: Actor, input: UnitCreateInput) {
      return await uow.write(async () => {
        const row = await repository.insert({ code: input.code, name: input.name, kind: input.kind, email: input.email ?? null }, now());
        await audit.record(actor, { action: 'unit.create', entity: 'unit', entityId: row.id, after: unitView(row) });
        return unitView(row);
      });
    },

    /** Units by kind, code or part of the name; `status` picks active or deactivated ones (every unit without it). */
    list: async (filter: { kind?: UnitKind; code?: string; search?: string; status?: UnitStatusFilter; limit: number; offset: number }) => (await repository.list(filter)).map(unitView),
    /** How many units the same filter finds. */
    count: async (filter: { kind?: UnitKind; code?: string; search?: string; status?: UnitStatusFilter }) => await repository.count(filter),

    get: async (id: number) => unitView(await get(id)),
    /** The unit with this id, if there is one. */
    async find(id: number) {
      const row = await repository.byId(id);
      return row && unitView(row);
    },

    async getByCode(code: string) {
      const row = await repository.byCode(code);
      return row ? unitView(row) : undefined;
    },

    /** The unit a request body names (at `path`), or a 422 naming that field. */
    async requireExisting(unitId: number, path = '/body/unitId'): Promise<{ id: number; name: string; kind: UnitKind }> {
      const unit = await repository.byId(unitId);
      if (!unit) throw unknownReference(path, 'unit', unitId);
      return unit;
    },

    /**
     * The unit a new enrolment, booking, draft, request or operator names (at `path`): a 422
     * when it does not exist, a 409 UNIT_INACTIVE naming that field when it was deactivated.
     */
    async requireActive(unitId: number, path = '/body/unitId'): Promise<{ id: number; name: string; kind: UnitKind }> {
      const unit = await repository.byId(unitId);
      if (!unit) throw unknownReference(path, 'unit', unitId);
      if (unit.deactivatedAt !== null) throw unitInactive(unit, path);
      return unit;
    },

    /** Names and whether each takes part in new things, for many units at once. */
    namesAndStates: repository.namesAndStates,

    /** Whether the unit takes part in new things (it exists and was not deactivated). */
    isActive: async (unitId: number) => {
      const unit = await repository.byId(unitId);
      return unit !== undefined && unit.deactivatedAt === null;
    },

    /** Changes a unit's fields; `active: false` deactivates it (keeping the first time it was), `true` reactivates it. */
    async update(actor: Actor, id: number, { active, ...fields }: UnitPatchInput) {
      return await uow.write(async () => {
        const before = await get(id);
        const deactivatedAt = active === undefined ? {} : { deactivatedAt: active ? null : (before.deactivatedAt ?? now()) };
        const after = await repository.update(id, { ...fields, ...deactivatedAt }, now());
        await audit.record(actor, { action: 'unit.update', entity: 'unit', entityId: id, before: unitView(before), after: unitView(after) });
        return unitView(after);
      });
    },

    /**
     * Creates or updates (matched by code) the units of a file in one transaction: every row,
     * or nothing while a line is bad (422 IMPORT_INVALID naming each); with `skipInvalid`, the
     * good rows, answering the bad lines skipped. A file whose heading line, size or quoting is
     * wrong is refused either way. A dry run checks and rolls back.
     */
    async importCsv(actor: Actor, text: string, options: { dryRun?: boolean; skipInvalid?: boolean } = {}): Promise<ImportOutcome<UnitCreateInput>> {
      const parsed = await files.parseUnitsCsv(actor, text);
      if (parsed.fatal || (parsed.errors.length > 0 && !options.skipInvalid)) throw importInvalid(parsed.errors);
      // Reading the file and writing it are two turns of the event loop, each well under
      // 100 ms for 5,000 rows, so other requests are answered in between.
      await yieldToOtherRequests();
      const stamp = now();
      return (options.dryRun ? uow.dryRun : uow.write)(async () => {
        const existing = new Map((await repository.byCodes(parsed.rows.map((r) => r.value.code))).map((u) => [u.code.toLowerCase(), u]));
        const fresh: UnitCreateInput[] = [];
        const rows: ImportOutcome<UnitCreateInput>['rows'] = [];
        let updated = 0;
        let unchanged = 0;
        for (const { line, value: unit } of parsed.rows) {
          const values = { code: unit.code, name: unit.name, kind: unit.kind, email: unit.email ?? null };
          const before = existing.get(unit.code.toLowerCase());
          if (!before) {
            fresh.push(values);
            rows.push({ line, status: 'new', value: values });
          } else if (before.code === values.code && before.name === values.name && before.kind === values.kind && before.email === values.email) {
            unchanged++;
            rows.push({ line, status: 'unchanged', value: values });
          } else {
            const row = await repository.update(before.id, values, stamp);
            await audit.record(actor, { action: 'unit.import', entity: 'unit', entityId: row.id, before: unitView(before), after: unitView(row) });
            updated++;
            rows.push({ line, status: 'changed', value: values });
          }
        }
        const created = await repository.insertMany(fresh.map((u) => ({ code: u.code, name: u.name, kind: u.kind, email: u.email ?? null })), stamp);
        await audit.recordMany(actor, created.map((row) => ({ action: 'unit.import', entity: 'unit', entityId: row.id, after: unitView(row) })));
        return { created: created.length, updated, unchanged, rows, skipped: parsed.errors, ignoredColumns: parsed.ignoredColumns, headings: parsed.headings };
      });
    },

    /** Stores the hash of the unit's new private-feed token; the previous one stops working. */
    async setCalendarToken(actor: Actor, unitId: number, tokenHash: string) {
      await uow.write(async () => {
        await get(unitId);
        const issuedAt = now();
        await repository.setCalendarToken(unitId, tokenHash, issuedAt);
        await audit.record(actor, { action: 'unit.calendarToken', entity: 'unit', entityId: unitId, after: { calendarTokenIssuedAt: issuedAt } });
      });
    },

    byCalendarTokenHash: async (hash: string) => await repository.byCalendarTokenHash(hash),
    isRevokedCalendarToken: async (hash: string) => await repository.isRevokedCalendarToken(hash),
  };
}
