import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams } from '../../platform/schemas';
import { ClosureParams, Period, PeriodCreateBody } from './periods.schemas';
import type { PeriodsService } from './periods.service';

const unitsToo = { allowUnit: true };
const tags = ['asistensi'];

export function periodRoutes(app: Api, { periods }: { periods: PeriodsService }) {
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
    async (request, reply) => reply.code(201).send(await periods.create(request.actor, request.params.id, request.body)),
  );


  app.get(
    '/programmes/:id/asistensi-periods',
    { config: unitsToo, schema: { tags, summary: "A programme's asistensi periods", params: IdParams, response: { 200: Type.Array(Period), ...errorResponses } } },
    async (request) => await periods.listForProgramme(request.params.id),
  );

  app.get(
    '/asistensi-periods/:id',
    { config: unitsToo, schema: { tags, summary: 'Get a period', params: IdParams, response: { 200: Period, ...errorResponses } } },
    async (request) => await periods.view(await periods.load(request.params.id)),
  );


  // PATCH /asistensi-periods/:id is in bookings.routes.ts: a change of slot times moves bookings.

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
    async (request) => await periods.removeClosure(request.actor, request.params.id, request.params.date),
  );

}
