import { requireOrganiser, type Actor } from '../../platform/actor';
import { invalidField, notFound } from '../../platform/errors';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { CalendarsService } from '../calendars/calendars.service';
import type { DraftsService } from '../drafts/drafts.service';
import type { PeriodsService } from '../periods/periods.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import type { PartnersRepository } from './partners.repository';

/** How a government reaches the others of the deployment (src/tenancy.ts provides it). */
export interface GovernmentLinks {
  /** This government, and the one it answers to; null in a deployment of one government. */
  self(): Promise<{ slug: string; name: string; parent: { slug: string; name: string } | null } | null>;
  /** The governments directly below this one. */
  children(): Promise<{ slug: string; name: string }[]>;
  /** The partner side of a government directly below this one (undefined for any other). */
  below(slug: string): Promise<PartnersService | undefined>;
}

export const noGovernments: GovernmentLinks = { self: async () => null, children: async () => [], below: async () => undefined };

type Booking = Awaited<ReturnType<BookingsService['get']>>;
type EventSpec = Awaited<ReturnType<CalendarsService['sessionEvents']>>[number];

/**
 * Asistensi partners: a kabupaten or kota grants the province it answers to a role in one of
 * its programmes, and the province's organisers then follow that programme's asistensi
 * (periods, sessions, drafts) and record attendance and session notes, from their own
 * government's pages and keys. What they are shown carries the unit and the session, never an
 * official's name, NIP, phone or email. Each government's service answers for its own data: a
 * province's call goes through `GovernmentLinks.below`, to the kabupaten/kota's service, which
 * checks the grant in its own database.
 */
export function createPartnersService(deps: {
  repository: PartnersRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  programmes: Pick<ProgrammesService, 'require'>;
  periods: Pick<PeriodsService, 'listForProgramme' | 'load'>;
  bookings: Pick<BookingsService, 'list' | 'get' | 'setAttendance' | 'setNotes'>;
  drafts: Pick<DraftsService, 'list'>;
  units: Pick<UnitsService, 'list' | 'get'>;
  governments: GovernmentLinks;
  /** A programme's sessions as calendar events (the calendars feature, declared after this one). */
  sessionEvents: (programmeId: number) => Promise<EventSpec[]>;
}) {
  const { repository, uow, clock, audit, programmes, periods, bookings, drafts, units, governments } = deps;

  /** Who acts in this government's data for a partner government: audited as the partner. */
  const asPartner = (partner: string, requestId: string | undefined): Actor => ({ keyId: null, userId: null, role: 'system', unitId: null, requestId, partner });

  const session = (booking: Booking, unitCode: string) => ({
    bookingId: booking.id,
    periodId: booking.periodId,
    date: booking.date,
    start: booking.start,
    end: booking.end,
    startsAt: booking.startsAt,
    unitCode,
    unitName: booking.unitName,
    topic: booking.topic,
    status: booking.status,
    attended: booking.attended,
    notes: booking.notes,
  });

  const unitsById = async () => new Map((await units.list({ status: 'all', limit: Number.MAX_SAFE_INTEGER, offset: 0 })).map((u) => [u.id, u]));

  async function requireGrant(partner: string, programmeId: number) {
    if (!(await repository.isGranted(programmeId, partner))) throw notFound('programme', programmeId);
  }

  /** Writes to a session of a programme the partner was granted (any other booking is not found), as the partner. */
  async function recordFor(partner: string, requestId: string | undefined, bookingId: number, write: (actor: Actor) => Promise<Booking>) {
    const booking = await bookings.get(asPartner(partner, undefined), bookingId);
    if (!(await repository.isGranted((await periods.load(booking.periodId)).programmeId, partner))) throw notFound('booking', bookingId);
    return session(await write(asPartner(partner, requestId)), (await units.get(booking.unitId)).code);
  }

  /** This government's side: what a partner government is granted and may do. */
  const forPartner = {
    grantedTo: (partner: string) => repository.grantedTo(partner),
    async programme(partner: string, programmeId: number) {
      await requireGrant(partner, programmeId);
      const programme = await programmes.require(programmeId);
      const byId = await unitsById();
      const code = (unitId: number) => byId.get(unitId)?.code ?? '';
      const system = asPartner(partner, undefined);
      const periodsWithSessions = [];
      for (const period of await periods.listForProgramme(programmeId))
        periodsWithSessions.push({
          id: period.id,
          name: period.name,
          startDate: period.startDate,
          endDate: period.endDate,
          sessions: (await bookings.list(system, period.id)).map((b) => session(b, code(b.unitId))),
        });
      return {
        programmeId,
        programmeName: programme.name,
        periods: periodsWithSessions,
        drafts: (await drafts.list(system, programmeId)).map((d) => ({ unitCode: code(d.unitId), unitName: byId.get(d.unitId)?.name ?? '', title: d.title, sopCount: d.sopCount, status: d.status, receivedAt: d.receivedAt })),
      };
    },
    /** The sessions of every programme the partner was granted, as calendar events. */
    async sessionEvents(partner: string): Promise<EventSpec[]> {
      const events: EventSpec[] = [];
      for (const { programmeId } of await repository.grantedTo(partner)) events.push(...(await deps.sessionEvents(programmeId)));
      return events;
    },
    recordAttendance: (partner: string, requestId: string | undefined, bookingId: number, attended: boolean | null) =>
      recordFor(partner, requestId, bookingId, (actor) => bookings.setAttendance(actor, bookingId, attended)),
    recordNotes: (partner: string, requestId: string | undefined, bookingId: number, notes: string | null, previous?: string | null) =>
      recordFor(partner, requestId, bookingId, (actor) => bookings.setNotes(actor, bookingId, notes, previous)),
  };

  /** The partner government's side: reaching a government below it. */
  async function partnerSide(actor: Actor, government: string) {
    requireOrganiser(actor);
    const me = await governments.self();
    const children = await governments.children();
    const child = children.find((c) => c.slug === government);
    const link = me && child ? await governments.below(government) : undefined;
    if (!me || !child || !link) throw notFound('government', government);
    return { me, child: { slug: child.slug, name: child.name }, link };
  }

  /** Each government below this one, with its partner side; none in a deployment of one government. */
  async function governmentsBelow() {
    const me = await governments.self();
    const below = [];
    if (me)
      for (const child of await governments.children()) {
        const link = await governments.below(child.slug);
        if (link) below.push({ me, child, link });
      }
    return below;
  }

  return {
    forPartner,

    /** The government this one may make its partner (the one it answers to), if any. */
    candidate: async () => (await governments.self())?.parent ?? null,

    /** The partners of a programme of this government. */
    async list(actor: Actor, programmeId: number) {
      requireOrganiser(actor);
      await programmes.require(programmeId);
      return await repository.ofProgramme(programmeId);
    },

    /** Grants the government this one answers to (its province) the partner's role in a programme; granting again changes nothing. */
    async grant(actor: Actor, programmeId: number, government: string) {
      requireOrganiser(actor);
      const me = await governments.self();
      if (!me?.parent || me.parent.slug !== government)
        throw invalidField('/body/government', me?.parent ? `only ${me.parent.slug}, the government ${me.slug} answers to, can be this government’s asistensi partner` : 'this government answers to no other in this deployment: there is no one to grant');
      return await uow.write(async () => {
        await programmes.require(programmeId);
        await repository.grant(programmeId, government, toStoredInstant(clock.now()));
        const granted = (await repository.ofProgramme(programmeId)).find((p) => p.government === government)!;
        await audit.record(actor, { action: 'programme.partnerGrant', entity: 'programme', entityId: programmeId, before: null, after: granted });
        return granted;
      });
    },

    async revoke(actor: Actor, programmeId: number, government: string) {
      requireOrganiser(actor);
      await uow.write(async () => {
        await programmes.require(programmeId);
        const before = (await repository.ofProgramme(programmeId)).find((p) => p.government === government);
        if (!before || (await repository.revoke(programmeId, government)) === 0) throw notFound('partner', government);
        await audit.record(actor, { action: 'programme.partnerRevoke', entity: 'programme', entityId: programmeId, before, after: null });
      });
    },

    /** The programmes of the governments below this one that granted it the partner's role. */
    async grantedProgrammes(actor: Actor) {
      requireOrganiser(actor);
      const granted = [];
      for (const { me, child, link } of await governmentsBelow())
        for (const programme of await link.forPartner.grantedTo(me.slug)) granted.push({ government: child, ...programme });
      return granted;
    },

    /** The sessions of the programmes below that made this government partner, by government (its name): the partner calendar. */
    async sessionsBelow() {
      const sessions = [];
      for (const { me, child, link } of await governmentsBelow()) sessions.push({ government: child.name, events: await link.forPartner.sessionEvents(me.slug) });
      return sessions;
    },

    /** The partner calendar's address with this digest: in use, replaced, or unknown. */
    feedAddress: (tokenHash: string) => repository.feedAddress(tokenHash),

    /** When the partner calendar address in use was made; null while there is none. */
    feedIssuedAt: () => repository.currentFeedIssuedAt(),

    /** Puts a new partner calendar address in use; the one before stops working. */
    async replaceFeedAddress(actor: Actor, tokenHash: string) {
      requireOrganiser(actor);
      await uow.write(async () => {
        const issuedAt = toStoredInstant(clock.now());
        await repository.replaceFeedAddress(tokenHash, issuedAt);
        await audit.record(actor, { action: 'partnerFeed.replace', entity: 'partnerFeed', entityId: null, before: null, after: { issuedAt } });
      });
    },

    async programme(actor: Actor, government: string, programmeId: number) {
      const { me, child, link } = await partnerSide(actor, government);
      return { government: child, ...(await link.forPartner.programme(me.slug, programmeId)) };
    },

    async recordAttendance(actor: Actor, government: string, bookingId: number, attended: boolean | null) {
      const { me, link } = await partnerSide(actor, government);
      return await link.forPartner.recordAttendance(me.slug, actor.requestId, bookingId, attended);
    },

    async recordNotes(actor: Actor, government: string, bookingId: number, notes: string | null, previous?: string | null) {
      const { me, link } = await partnerSide(actor, government);
      return await link.forPartner.recordNotes(me.slug, actor.requestId, bookingId, notes, previous);
    },
  };
}

export type PartnersService = ReturnType<typeof createPartnersService>;
