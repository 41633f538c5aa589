import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams } from '../../platform/schemas';
import { ClosureBody, PeriodPatchBody } from '../periods/periods.schemas';
import {
  AttendanceBody,
  NotesBody,
  Booking,
  BookingCreateBody,
  BookingOptions,
  BookingOptionsQuery,
  BookingPatchBody,
  ClosureResult,
  PeriodAttendance,
  PeriodAttendanceBody,
  PeriodUpdateResult,
  Slot,
  SlotQuery,
} from './bookings.schemas';
import type { BookingsService } from './bookings.service';

const unitsToo = { allowUnit: true };
const tags = ['asistensi'];

export function bookingRoutes(app: Api, { bookings }: { bookings: BookingsService }) {
  app.get(
    '/asistensi-periods/:id/slots',
    {
      config: unitsToo,
      schema: { tags, summary: "A period's slots (organisers also see who booked)", params: IdParams, querystring: SlotQuery, response: { 200: Type.Array(Slot), ...errorResponses } },
    },
    async (request) => await bookings.listSlots(request.actor, request.params.id, request.query),
  );


  app.patch(
    '/asistensi-periods/:id',
    {
      schema: {
        tags,
        summary: 'Change the name, booking windows, priority cutoff, place, cancel notice or the slot times of the days still to come; answers the bookings that moved or lost their session',
        params: IdParams,
        body: PeriodPatchBody,
        response: { 200: PeriodUpdateResult, ...errorResponses },
      },
    },
    async (request) => await bookings.updatePeriod(request.actor, request.params.id, request.body),
  );


  app.get(
    '/asistensi-periods/:id/booking-options',
    {
      config: unitsToo,
      schema: {
        tags,
        summary: 'What a unit may do in the period now (book, move, cancel), the first reason it may not, and where its draft stands for the priority window (a unit key: its own unit; organisers name unitId)',
        params: IdParams,
        querystring: BookingOptionsQuery,
        response: { 200: BookingOptions, ...errorResponses },
      },
    },
    async (request) => await bookings.bookingOptions(request.actor, request.params.id, request.query.unitId),
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
    async (request, reply) => reply.code(201).send(await bookings.closeDay(request.actor, request.params.id, request.body)),
  );


  app.post(
    '/asistensi-periods/:id/bookings',
    { config: unitsToo, schema: { tags, summary: 'Book a slot for a unit', params: IdParams, body: BookingCreateBody, response: { 201: Booking, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await bookings.book(request.actor, request.params.id, request.body)),
  );


  app.get(
    '/asistensi-periods/:id/bookings',
    { config: unitsToo, schema: { tags, summary: "A period's bookings (a unit key: its own)", params: IdParams, response: { 200: Type.Array(Booking), ...errorResponses } } },
    async (request) => await bookings.list(request.actor, request.params.id),
  );


  app.put(
    '/asistensi-periods/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record who came to the sessions that may be recorded now: those listed came, every other did not',
        params: IdParams,
        body: PeriodAttendanceBody,
        response: { 200: PeriodAttendance, ...errorResponses },
      },
    },
    async (request) => await bookings.recordPeriodAttendance(request.actor, request.params.id, request.body.attended),
  );


  app.get(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Get a booking', params: IdParams, response: { 200: Booking, ...errorResponses } } },
    async (request) => await bookings.get(request.actor, request.params.id),
  );


  app.patch(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Move a booking to another slot', params: IdParams, body: BookingPatchBody, response: { 200: Booking, ...errorResponses } } },
    async (request) => await bookings.reschedule(request.actor, request.params.id, request.body),
  );


  app.delete(
    '/bookings/:id',
    { config: unitsToo, schema: { tags, summary: 'Cancel a booking (units: up to cancelNoticeHours before it starts)', params: IdParams, response: { 200: Booking, ...errorResponses } } },
    async (request) => await bookings.cancel(request.actor, request.params.id),
  );


  app.put(
    '/bookings/:id/attendance',
    { schema: { tags, summary: 'Record whether the unit came', params: IdParams, body: AttendanceBody, response: { 200: Booking, ...errorResponses } } },
    async (request) => await bookings.setAttendance(request.actor, request.params.id, request.body.attended),
  );

  app.put(
    '/bookings/:id/notes',
    { schema: { tags, summary: "Write the session's notes (null clears them); the unit reads them with its booking", params: IdParams, body: NotesBody, response: { 200: Booking, ...errorResponses } } },
    async (request) => await bookings.setNotes(request.actor, request.params.id, request.body.notes),
  );

}
