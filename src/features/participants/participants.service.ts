import { canActForUnit, isOrganiser, requireUnitAccess, unitIdOf, type Actor } from '../../platform/actor';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors';
import { importInvalid, type ImportLineError, type ImportOutcome } from '../../platform/csv-import';
import { toStoredInstant, type Clock } from '../../platform/time';
import { searchTerms } from '../../platform/search';
import type { UnitOfWork } from '../../platform/unit-of-work';
import { yieldToOtherRequests } from '../../platform/yield';
import type { AuditService } from '../audit/audit.service';
import type { UnitsService } from '../units/units.service';
import type { EnrolmentsService } from '../workshops/enrolments.service';
import type { ParticipantRow, ParticipantsRepository, ParticipantValues } from './participants.repository';
import type { Offloaded } from '../../platform/worker-pool';
import type { parseParticipantsCsv } from './participants.csv';
import { checkNip } from './participants.rules';
import type { ParticipantCreateInput, ParticipantImportRow, ParticipantPatchInput } from './participants.schemas';

export const participantView = (row: ParticipantRow) => ({
  id: row.id,
  nip: row.nip,
  name: row.name,
  position: row.position,
  unitId: row.unitId,
  email: row.email,
  phone: row.phone,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** A NIP as it is printed ("19800412 200501 1 003") to its 18 digits. */
const printedNip = (nip: string) => nip.replace(/[ .]/g, '');

function requireValidNip(nip: string): void {
  const check = checkNip(nip);
  if (!check.valid) throw invalidField('/body/nip', `NIP ${check.reason}`, { reason: 'NIP', nipPart: check.part, digits: check.digits });
}

export type ParticipantsService = ReturnType<typeof createParticipantsService>;

export function createParticipantsService(deps: {
  repository: ParticipantsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  units: Pick<UnitsService, 'requireExisting' | 'getByCode' | 'get'>;
  enrolments: Pick<EnrolmentsService, 'activeOfParticipant' | 'moveToUnit'>;
  /** The import file's parser, run in a worker thread (a 2 MB file takes most of a second). */
  files: Offloaded<{ parseParticipantsCsv: typeof parseParticipantsCsv }>;
}) {
  const { repository, uow, clock, audit, units, enrolments, files } = deps;
  const now = () => toStoredInstant(clock.now());

  /** A participant the actor may see; another unit's participant is "not found" to a unit key. */
  async function visible(actor: Actor, id: number): Promise<ParticipantRow> {
    const row = await repository.byId(id);
    if (!row || !canActForUnit(actor, row.unitId)) throw notFound('participant', id);
    return row;
  }

  return {
    async create(actor: Actor, body: ParticipantCreateInput) {
      const input = { ...body, unitId: unitIdOf(actor, body.unitId), nip: printedNip(body.nip) };
      requireUnitAccess(actor, input.unitId);
      requireValidNip(input.nip);
      return await uow.write(async () => {
        await units.requireExisting(input.unitId);
        const row = await repository.insert(
          { nip: input.nip, name: input.name, position: input.position ?? null, unitId: input.unitId, email: input.email ?? null, phone: input.phone ?? null },
          now(),
        );
        await audit.record(actor, { action: 'participant.create', entity: 'participant', entityId: row.id, after: participantView(row) });
        return participantView(row);
      });
    },

    async list(actor: Actor, filter: { unitId?: number; limit: number; offset: number }) {
      // A unit key lists its own unit's participants; asking for another unit is refused.
      let unitId = filter.unitId;
      if (!isOrganiser(actor)) {
        if (unitId !== undefined && unitId !== actor.unitId) throw forbidden('A unit key may only list its own participants');
        unitId = actor.unitId!;
      }
      return (await repository.list({ ...filter, unitId })).map(participantView);
    },

    get: async (actor: Actor, id: number) => participantView(await visible(actor, id)),

    /**
     * Officials whose name contains the words, or whose NIP contains the digits typed (printed
     * with spaces or dots, or not), of one unit when asked, by name: a page of them and the
     * total. A unit key searches its own unit's only.
     */
    async search(actor: Actor, filter: { search?: string; unitId?: number; limit: number; offset: number }) {
      let unitId = filter.unitId;
      if (!isOrganiser(actor)) {
        if (unitId !== undefined && unitId !== actor.unitId) throw forbidden('A unit key may only search its own participants');
        unitId = actor.unitId!;
      }
      const found = await repository.search({ terms: searchTerms(filter.search), unitId, limit: filter.limit, offset: filter.offset });
      return { total: found.total, officials: found.rows.map(participantView) };
    },

    /**
     * Changes an official. Moving them to another unit while they hold an active enrolment is
     * refused (HAS_ACTIVE_ENROLMENT) unless `moveEnrolments`, which moves those enrolments to
     * the new unit within its quota, or refuses the whole change.
     */
    async update(actor: Actor, id: number, input: ParticipantPatchInput) {
      const { moveEnrolments, ...fields } = input;
      const patch = { ...fields, ...(fields.nip === undefined ? {} : { nip: printedNip(fields.nip) }) };
      if (patch.nip !== undefined) requireValidNip(patch.nip);
      if (patch.unitId !== undefined) requireUnitAccess(actor, patch.unitId);
      return await uow.write(async () => {
        const before = await visible(actor, id);
        if (patch.unitId !== undefined && patch.unitId !== before.unitId) {
          await units.requireExisting(patch.unitId);
          const active = await enrolments.activeOfParticipant(id);
          if (active.length > 0 && !moveEnrolments)
            throw new AppError(
              409,
              'HAS_ACTIVE_ENROLMENT',
              `${before.name} is enrolled (${active.map((e) => `enrolment ${e.id}, batch ${e.batchId}`).join('; ')}); send moveEnrolments: true to move the enrolment to the new unit, or cancel it first`,
            );
          if (active.length > 0) await enrolments.moveToUnit(actor, id, patch.unitId);
        }
        const after = await repository.update(id, patch, now());
        await audit.record(actor, { action: 'participant.update', entity: 'participant', entityId: id, before: participantView(before), after: participantView(after) });
        return participantView(after);
      });
    },

    /**
     * Registers or updates (matched by NIP) the officials of a file in one transaction: every
     * row, or nothing while a line is bad (unknown unit, another unit's official, a NIP that is
     * not a NIP: 422 IMPORT_INVALID naming each); with `skipInvalid`, the good rows, answering
     * the bad lines skipped. A file whose heading line, size or quoting is wrong is refused
     * either way. A unit key imports its own unit's officials only.
     */
    async importCsv(actor: Actor, text: string, options: { dryRun?: boolean; skipInvalid?: boolean } = {}): Promise<ImportOutcome<ParticipantImportRow>> {
      const parsed = await files.parseParticipantsCsv(actor, text, isOrganiser(actor) ? undefined : (await units.get(actor.unitId!)).code);
      // A bad line is answered together with the lines only the database can tell are bad (below).
      if (parsed.fatal) throw importInvalid(parsed.errors);
      // Reading the file and writing it are two turns of the event loop (see units import).
      await yieldToOtherRequests();
      const stamp = now();
      return (options.dryRun ? uow.dryRun : uow.write)(async () => {
        const errors: ImportLineError[] = [...parsed.errors];
        const unitOf = new Map<string, Awaited<ReturnType<typeof units.getByCode>>>();
        const unitByCode = async (code: string) => (unitOf.has(code.toLowerCase()) ? unitOf.get(code.toLowerCase()) : unitOf.set(code.toLowerCase(), await units.getByCode(code)).get(code.toLowerCase()));
        const existingByNip = new Map((await repository.byNips(parsed.rows.map((r) => printedNip(r.value.nip)))).map((p) => [p.nip, p]));
        const fresh: ParticipantValues[] = [];
        const changed: { existing: ParticipantRow; values: ParticipantValues }[] = [];
        const rows: ImportOutcome<ParticipantImportRow>['rows'] = [];
        let unchanged = 0;
        for (const { line, value: row } of parsed.rows) {
          const unit = await unitByCode(row.unitCode);
          const nip = printedNip(row.nip);
          const check = checkNip(nip);
          const existing = existingByNip.get(nip);
          if (!unit || !canActForUnit(actor, unit.id)) {
            errors.push({ line, path: 'unitCode', message: `no unit ${row.unitCode}${unit ? ' of yours' : ''}`, value: row.unitCode });
            continue;
          }
          if (!check.valid) {
            errors.push({ line, path: 'nip', message: `NIP ${check.reason}`, value: row.nip });
            continue;
          }
          if (existing && existing.unitId !== unit.id) {
            errors.push({ line, path: 'nip', message: `NIP ${nip} is registered with another unit; move the official there (PATCH /participants/${isOrganiser(actor) ? existing.id : ':id'})`, value: row.nip });
            continue;
          }
          const values = { nip, name: row.name, position: row.position ?? null, unitId: unit.id, email: row.email ?? null, phone: row.phone ?? null };
          const shown = { ...row, unitCode: unit.code, nip };
          if (!existing) {
            fresh.push(values);
            rows.push({ line, status: 'new', value: shown });
          } else if (existing.name === values.name && existing.position === values.position && existing.email === values.email && existing.phone === values.phone) {
            unchanged++;
            rows.push({ line, status: 'unchanged', value: shown });
          } else {
            changed.push({ existing, values });
            rows.push({ line, status: 'changed', value: shown });
          }
        }
        if (errors.length > 0 && !options.skipInvalid) throw importInvalid(errors);
        for (const { existing, values } of changed) {
          const after = await repository.update(existing.id, values, stamp);
          await audit.record(actor, { action: 'participant.import', entity: 'participant', entityId: existing.id, before: participantView(existing), after: participantView(after) });
        }
        const created = await repository.insertMany(fresh, stamp);
        await audit.recordMany(actor, created.map((row) => ({ action: 'participant.import', entity: 'participant', entityId: row.id, after: participantView(row) })));
        const skipped = errors.sort((a, b) => a.line - b.line);
        return { created: created.length, updated: changed.length, unchanged, rows, skipped, ignoredColumns: parsed.ignoredColumns, headings: parsed.headings };
      });
    },

    /** Deletes an official with no active enrolment (the database refuses otherwise); cancelled ones go too. */
    async remove(actor: Actor, id: number) {
      await uow.write(async () => {
        const before = await visible(actor, id);
        await repository.delete(id);
        await audit.record(actor, { action: 'participant.delete', entity: 'participant', entityId: id, before: participantView(before) });
      });
    },

  };
}
