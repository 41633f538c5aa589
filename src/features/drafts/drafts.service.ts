import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, unitIdOf, type Actor } from '../../platform/actor';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../platform/errors';
import type { DateTime } from 'luxon';
import type { DocumentType } from '../../platform/documents';
import { instantInZone, parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import type { DraftRow, DraftsRepository } from './drafts.repository';
import { fitsQuota, isBackwards, type DocumentQuota, type DocumentsUsed, type DraftStatus } from './drafts.rules';
import { mapInOrder } from '../../platform/in-order';

export type DraftsService = ReturnType<typeof createDraftsService>;

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * A document past the unit's storage quota in the programme: 409, as a unit's seat quota is (the
 * request is fine, what the unit already keeps is in the way), with what is used and the limit.
 */
const quotaReached = (used: DocumentsUsed, quota: DocumentQuota) =>
  new AppError(
    409,
    'DOCUMENT_QUOTA_REACHED',
    `The unit keeps ${used.documents} documents (${megabytes(used.bytes)} MB) with its drafts in this programme; the limit is ${quota.documents} documents and ${megabytes(quota.bytes)} MB`,
    [{ path: '/body/document', message: 'over the unit’s storage quota' }],
    { usedDocuments: used.documents, usedBytes: used.bytes, limitDocuments: quota.documents, limitBytes: quota.bytes },
  );

/** A document sent with a draft, recognised and hashed (create's keepDocument moves its file into the document store). */
export interface DraftDocument {
  name: string;
  type: DocumentType;
  size: number;
  sha256: string;
}

export function createDraftsService(deps: {
  repository: DraftsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record'>;
  programmes: Pick<ProgrammesService, 'require'>;
  units: Pick<UnitsService, 'requireActive'>;
  /** What a unit may keep of draft documents per programme. */
  documentQuota: DocumentQuota;
}) {
  const { repository, uow, clock, audit, programmes, units, documentQuota } = deps;
  const view = ({ documentName, documentType, documentSize, documentSha256, ...row }: DraftRow, zone: string) => ({
    ...row,
    receivedAt: row.receivedAt === null ? null : instantInZone(row.receivedAt, zone),
    document: documentSha256 === null ? null : { name: documentName!, type: documentType!, size: documentSize!, sha256: documentSha256 },
  });

  /** When a draft reached the organiser: the given instant (not in the future) or now, as stored. */
  function checkedReceivedAt(given: string | undefined, now: DateTime): string {
    const at = given === undefined ? now : parseInstant(given);
    if (at > now) throw invalidField('/body/receivedAt', 'receivedAt cannot be in the future');
    return toStoredInstant(at);
  }

  return {
    /**
     * Records a draft. A unit's own draft is `submitted` and counts for nothing until an
     * organiser accepts it; an organiser records drafts as `received` (and may backdate them).
     * A document counts against the unit's storage quota in the programme, checked in the
     * transaction that inserts the row (so two uploads at once cannot both pass); `keepDocument`
     * (moving the file into place) runs in it too, last, so a refused draft never keeps its file.
     */
    async create(actor: Actor, programmeId: number, body: { unitId?: number; title: string; sopCount: number; receivedAt?: string; document?: DraftDocument }, keepDocument?: () => void) {
      const zone = (await programmes.require(programmeId)).timezone;
      const input = { ...body, unitId: unitIdOf(actor, body.unitId) };
      requireUnitAccess(actor, input.unitId);
      if (input.receivedAt !== undefined && !isOrganiser(actor)) throw forbidden('Only organisers may set receivedAt');
      const now = clock.now();
      const receivedAt = isOrganiser(actor) ? checkedReceivedAt(input.receivedAt, now) : null;
      return await uow.write(async () => {
        await units.requireActive(input.unitId);
        if (body.document) {
          const used = await repository.documentsUsed(programmeId, input.unitId);
          if (!fitsQuota(used, body.document.size, documentQuota)) throw quotaReached(used, documentQuota);
        }
        const row = await repository.insert(
          {
            programmeId,
            unitId: input.unitId,
            title: input.title,
            sopCount: input.sopCount,
            receivedAt,
            status: receivedAt ? 'received' : 'submitted',
            documentName: body.document?.name ?? null,
            documentType: body.document?.type ?? null,
            documentSize: body.document?.size ?? null,
            documentSha256: body.document?.sha256 ?? null,
          },
          toStoredInstant(now),
        );
        await audit.record(actor, { action: 'draft.create', entity: 'draft', entityId: row.id, after: row });
        keepDocument?.();
        return view(row, zone);
      });
    },

    /** What a unit keeps of draft documents in a programme, and its quota there. */
    async documentStorage(actor: Actor, programmeId: number, unitId: number): Promise<{ used: DocumentsUsed; quota: DocumentQuota }> {
      requireUnitAccess(actor, unitId);
      return { used: await repository.documentsUsed(programmeId, unitId), quota: documentQuota };
    },

    /** A programme's drafts, oldest first; a unit key sees its own. */
    async list(actor: Actor, programmeId: number) {
      const zone = (await programmes.require(programmeId)).timezone;
      return (await repository.list(programmeId, isOrganiser(actor) ? undefined : actor.unitId!)).map((r) => view(r, zone));
    },

    /**
     * Moves a draft forward through submitted -> received -> reviewed -> final -> enacted,
     * never back. Accepting it (received) stamps when it reached the organiser.
     */
    async update(actor: Actor, id: number, input: { status: DraftStatus; notes?: string | null; receivedAt?: string }) {
      requireOrganiser(actor);
      if (input.receivedAt !== undefined && input.status !== 'received') throw invalidField('/body/receivedAt', 'receivedAt is set when a draft is accepted (status received)');
      const now = clock.now();
      return await uow.write(async () => {
        const before = await repository.byId(id);
        if (!before || !canActForUnit(actor, before.unitId)) throw notFound('draft', id);
        if (isBackwards(before.status, input.status)) throw conflict('STATUS_BACKWARDS', `A draft cannot go back from ${before.status} to ${input.status}`);
        const accepting = before.receivedAt === null && input.status !== 'submitted';
        const receivedAt = input.receivedAt !== undefined || accepting ? { receivedAt: checkedReceivedAt(input.receivedAt, now) } : {};
        const after = await repository.update(id, { status: input.status, ...receivedAt, ...(input.notes !== undefined ? { notes: input.notes } : {}) }, toStoredInstant(now));
        await audit.record(actor, { action: 'draft.update', entity: 'draft', entityId: id, before, after });
        if (after.status !== before.status)
          await deps.outbox.record({ facts: { kind: 'draft_status', draftId: id, title: after.title, status: after.status, notes: after.notes }, to: { unitId: after.unitId }, programmeId: after.programmeId });
        return view(after, (await programmes.require(after.programmeId)).timezone);
      });
    },

    /** The document sent with a draft (organisers, or the draft's unit), or 404. */
    async document(actor: Actor, id: number): Promise<DraftDocument> {
      const row = await repository.byId(id);
      if (!row || !canActForUnit(actor, row.unitId)) throw notFound('draft', id);
      if (row.documentSha256 === null) throw notFound('document of draft', id);
      return view(row, 'UTC').document!;
    },

    /** A unit's drafts in every programme, oldest first. */
    ofUnit: async (unitId: number) => await mapInOrder(await repository.ofUnit(unitId), async (r) => view(r, (await programmes.require(r.programmeId)).timezone)),

    /** When the unit's first draft in the programme arrived by `cutoff` (or at all, without one): its claim to priority. */
    firstReceivedAt: repository.firstReceivedAt,
    firstReceivedByUnit: repository.firstReceivedByUnit,
  };
}
