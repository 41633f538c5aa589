import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, IdParams } from '../../lib/schemas';
import type { Services } from '../../services';
import {
  AsistensiRequest,
  AttendanceBody,
  AutoScheduleBody,
  AutoScheduleResult,
  Booking,
  BookingCreateBody,
  BookingPatchBody,
  ClosureBody,
  ClosureParams,
  ClosureResult,
  Period,
  PeriodCreateBody,
  PeriodPatchBody,
  RequestCreateBody,
  Slot,
  SlotQuery,
  WalkIn,
  WalkInBody,
} from './asistensi.schemas';

const unitsToo = { allowUnit: true };
const tags = ['asistensi'];

export function asistensiRoutes(app: Api, { periods, bookings }: Services) {
  app.post(
    '/programmes/:id/asistensi-periods',
    {
      schema: {
        tags,
        summary: 'Create an asistensi period and its slots (working days, two slots a day by default)',
        params: IdParams,
        body: PeriodCreateBody,
        response: { 201: Period, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(periods.create(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/asistensi-periods/:id',
    { config: unitsToo, schema: { tags, summary: 'Get a period', params: IdParams, response: { 200: Period, ...errorResponses } } },
    async (request) => periods.view(periods.load(request.params.id)),
  );

  app.patch(
    '/asistensi-periods/:id',
    {
      schema: { tags, summary: 'Change booking windows, location or cancel notice', params: IdParams, body: PeriodPatchBody, response: { 200: Period, ...errorResponses } },
    },
    async (request) => periods.update(request.actor, request.params.id, request.body),
  );

  app.get(
    '/asistensi-periods/:id/slots',
    {
      config: unitsToo,
      schema: { tags, summary: "A period's slots (organisers also see who booked)", params: IdParams, querystring: SlotQuery, response: { 200: Type.Array(Slot), ...errorResponses } },
    },
    async (request) => periods.listSlots(request.actor, request.params.id, request.query),
  );

  app.post(
    '/asistensi-periods/:id/closures',
    {
      schema: {
        tags,
        summary: 'Close a working day: slots close, bookings are displaced, a day is added at the end',
        params: IdParams,
        body: ClosureBody,
        response: { 201: ClosureResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { displacedIds, ...result } = periods.addClosure(request.actor, request.params.id, request.body);
      const displaced = bookings.viewsOf(displacedIds);
      return reply.code(201).send({ ...result, displaced });
    },
  );

  app.delete(
    '/asistensi-periods/:id/closures/:date',
    {
      schema: {
        tags,
        summary: 'Reopen a closed date (also a national holiday), if the day added in its place is not booked',
        params: ClosureParams,
        response: { 200: Period, ...errorResponses },
      },
    },
    async (request) => periods.removeClosure(request.actor, request.params.id, request.params.date),
  );

  app.post(
    '/asistensi-periods/:id/bookings',
    { config: unitsToo, schema: { tags, summary: 'Book a slot for a unit', params: IdParams, body: BookingCreateBody, response: { 201: Booking, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(bookings.book(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/asistensi-periods/:id/bookings',
    { config: unitsToo, schema: { tags, summary: "A period's bookings (a unit key: its own)", params: IdParams, response: { 200: Type.Array(Booking), ...errorResponses } } },
    async (request) => bookings.list(request.actor, request.params.id),
  );

  app.get(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Get a booking', params: IdParams, response: { 200: Booking, ...errorResponses } } },
    async (request) => bookings.get(request.actor, request.params.id),
  );

  app.patch(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Move a booking to another slot', params: IdParams, body: BookingPatchBody, response: { 200: Booking, ...errorResponses } } },
    async (request) => bookings.reschedule(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Cancel a booking (units: up to cancelNoticeHours before it starts)', params: IdParams, response: { 200: Booking, ...errorResponses } } },
    async (request) => bookings.cancel(request.actor, request.params.id),
  );

  app.put(
    '/bookings/:id/attendance',
    { schema: { tags, summary: 'Record whether the unit came', params: IdParams, body: AttendanceBody, response: { 200: Booking, ...errorResponses } } },
    async (request) => bookings.setAttendance(request.actor, request.params.id, request.body.attended),
  );

  app.post(
    '/asistensi-periods/:id/requests',
    {
      config: unitsToo,
      schema: { tags, summary: 'Ask to be scheduled by the next auto-schedule', params: IdParams, body: RequestCreateBody, response: { 201: AsistensiRequest, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(bookings.request(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/asistensi-periods/:id/requests',
    { config: unitsToo, schema: { tags, summary: "A period's requests (a unit key: its own)", params: IdParams, response: { 200: Type.Array(AsistensiRequest), ...errorResponses } } },
    async (request) => bookings.listRequests(request.actor, request.params.id),
  );

  app.post(
    '/asistensi-periods/:id/auto-schedule',
    {
      schema: {
        tags,
        summary: 'Give open slots to waiting units: displaced first, then draft senders by draft date, then by request time',
        params: IdParams,
        body: AutoScheduleBody,
        response: { 200: AutoScheduleResult, ...errorResponses },
      },
    },
    async (request) => bookings.autoSchedule(request.actor, request.params.id, request.body),
  );

  app.post(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: 'Record a walk-in at the organiser’s office', params: IdParams, body: WalkInBody, response: { 201: WalkIn, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(bookings.walkIn(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/asistensi-periods/:id/walk-ins',
    { schema: { tags, summary: "A period's walk-ins", params: IdParams, response: { 200: Type.Array(WalkIn), ...errorResponses } } },
    async (request) => bookings.listWalkIns(request.actor, request.params.id),
  );
}
