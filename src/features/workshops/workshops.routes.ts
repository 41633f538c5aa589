import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { PlanPageQuery, planPage, withPlanCounts } from '../../http/plan-page';
import { errorResponses, IdParams, NoBody, NoContent } from '../../platform/schemas';
import type { BatchesService } from './batches.service';
import type { EnrolmentsService } from './enrolments.service';
import { AttendanceBody, Batch, BatchCreateBody, BatchPatchBody, CancelResult, DayAttendance, DayAttendanceBody, DistributeBody, DistributeResult, EnrolBody, Enrolment, MoveBody } from './workshops.schemas';

const unitsToo = { allowUnit: true };

export function workshopRoutes(app: Api, { batches, enrolments }: { batches: BatchesService; enrolments: EnrolmentsService }) {
  app.post(
    '/programmes/:id/batches',
    {
      schema: { tags: ['batches'], summary: 'Create a workshop batch (angkatan)', params: IdParams, body: BatchCreateBody, response: { 201: Batch, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await batches.create(request.actor, request.params.id, request.body)),
  );

  app.get(
    '/programmes/:id/batches',
    {
      config: { allowUnit: true },
      schema: { tags: ['batches'], summary: "A programme's batches with seat counts", params: IdParams, response: { 200: Type.Array(Batch), ...errorResponses } },
    },
    async (request) => await batches.listForProgramme(request.params.id),
  );

  app.get(
    '/batches/:id',
    { config: { allowUnit: true }, schema: { tags: ['batches'], summary: 'Get a batch', params: IdParams, response: { 200: Batch, ...errorResponses } } },
    async (request) => await batches.get(request.params.id),
  );

  app.patch(
    '/batches/:id',
    { schema: { tags: ['batches'], summary: 'Change a batch', params: IdParams, body: BatchPatchBody, response: { 200: Batch, ...errorResponses } } },
    async (request) => await batches.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/batches/:id',
    {
      schema: { tags: ['batches'], summary: 'Delete a batch without confirmed enrolments', params: IdParams, response: { 204: NoContent, ...errorResponses } },
    },
    async (request, reply) => {
      await batches.remove(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/programmes/:id/distribute',
    {
      schema: {
        tags: ['batches'],
        summary: 'Place officials without an enrolment into batches (?limit=&offset= answer a page of the plan\'s lists)',
        params: IdParams,
        querystring: PlanPageQuery,
        body: DistributeBody,
        response: { 200: withPlanCounts(DistributeResult), ...errorResponses },
      },
    },
    async (request) => planPage(request.body.dryRun ? await enrolments.previewDistribution(request.actor, request.params.id, request.body) : await enrolments.distribute(request.actor, request.params.id, request.body), request.query),
  );

  app.post(
    '/batches/:id/enrolments',
    {
      config: unitsToo,
      schema: {
        tags: ['enrolments'],
        summary: 'Enrol an official: confirmed while seats last, then waitlisted',
        params: IdParams,
        body: EnrolBody,
        response: { 201: Enrolment, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await enrolments.enrol(request.actor, request.params.id, request.body.participantId)),
  );

  app.get(
    '/batches/:id/enrolments',
    {
      config: unitsToo,
      schema: {
        tags: ['enrolments'],
        summary: "A batch's enrolments in arrival order (a unit key: its own)",
        params: IdParams,
        response: { 200: Type.Array(Enrolment), ...errorResponses },
      },
    },
    async (request) => await enrolments.listForBatch(request.actor, request.params.id),
  );

  app.get(
    '/enrolments/:id',
    { config: unitsToo, schema: { tags: ['enrolments'], summary: 'Get an enrolment', params: IdParams, response: { 200: Enrolment, ...errorResponses } } },
    async (request) => await enrolments.get(request.actor, request.params.id),
  );

  app.delete(
    '/enrolments/:id',
    {
      config: unitsToo,
      schema: {
        tags: ['enrolments'],
        summary: 'Cancel an enrolment; the seat goes to the next waitlisted unit under quota',
        params: IdParams,
        response: { 200: CancelResult, ...errorResponses },
      },
    },
    async (request) => await enrolments.cancel(request.actor, request.params.id),
  );

  app.patch(
    '/enrolments/:id',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Move an enrolment to another batch of its programme, into a confirmed seat (a full batch: 409 BATCH_FULL); the seat it leaves goes to the waitlist',
        params: IdParams,
        body: MoveBody,
        response: { 200: Enrolment, ...errorResponses },
      },
    },
    async (request) => await enrolments.move(request.actor, request.params.id, request.body.batchId),
  );

  app.post(
    '/enrolments/:id/promote',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Give a waitlisted enrolment a seat now, out of turn, if its batch and unit have room; the rest of the waitlist keeps its order',
        params: IdParams,
        body: NoBody,
        response: { 200: Enrolment, ...errorResponses },
      },
    },
    async (request) => await enrolments.promote(request.actor, request.params.id),
  );

  app.put(
    '/batches/:id/attendance',
    {
      schema: {
        tags: ['enrolments'],
        summary: "Record one day's attendance of the whole batch: those listed present, every other confirmed official absent",
        params: IdParams,
        body: DayAttendanceBody,
        response: { 200: DayAttendance, ...errorResponses },
      },
    },
    async (request) => await enrolments.recordDayAttendance(request.actor, request.params.id, request.body),
  );

  app.put(
    '/enrolments/:id/attendance',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Record presence on one day of the batch',
        params: IdParams,
        body: AttendanceBody,
        response: { 200: Enrolment, ...errorResponses },
      },
    },
    async (request) => await enrolments.setAttendance(request.actor, request.params.id, request.body),
  );
}
