import { Type } from '@sinclair/typebox';
import type { Api } from '../../lib/api';
import { errorResponses, IdParams } from '../../lib/schemas';
import type { Services } from '../../services';
import { AttendanceBody, CancelResult, EnrolBody, Enrolment } from './enrolments.schemas';

const unitsToo = { allowUnit: true };

export function enrolmentRoutes(app: Api, { enrolments }: Services) {
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
    async (request, reply) => reply.code(201).send(enrolments.enrol(request.actor, request.params.id, request.body.participantId)),
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
    async (request) => enrolments.listForBatch(request.actor, request.params.id),
  );

  app.get(
    '/enrolments/:id',
    { config: unitsToo, schema: { tags: ['enrolments'], summary: 'Get an enrolment', params: IdParams, response: { 200: Enrolment, ...errorResponses } } },
    async (request) => enrolments.get(request.actor, request.params.id),
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
    async (request) => enrolments.cancel(request.actor, request.params.id),
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
    async (request) => enrolments.setAttendance(request.actor, request.params.id, request.body),
  );
}
