import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { PlanPageQuery, planPage, withPlanCounts } from '../../http/plan-page';
import { errorResponses, IdParams } from '../../platform/schemas';
import { AsistensiRequest, AutoScheduleBody, AutoScheduleResult, RequestCreateBody, RequestPatchBody } from './requests.schemas';
import type { RequestsService } from './requests.service';

const unitsToo = { allowUnit: true };
const tags = ['asistensi'];

export function requestRoutes(app: Api, { requests }: { requests: RequestsService }) {
  app.post(
    '/asistensi-periods/:id/requests',
    {
      config: unitsToo,
      schema: { tags, summary: 'Ask to be scheduled by the next auto-schedule', params: IdParams, body: RequestCreateBody, response: { 201: AsistensiRequest, ...errorResponses } },
    },
    async (request, reply) => reply.code(201).send(await requests.request(request.actor, request.params.id, request.body)),
  );


  app.get(
    '/asistensi-periods/:id/requests',
    { config: unitsToo, schema: { tags, summary: "A period's requests (a unit key: its own)", params: IdParams, response: { 200: Type.Array(AsistensiRequest), ...errorResponses } } },
    async (request) => await requests.list(request.actor, request.params.id),
  );


  app.patch(
    '/requests/:id',
    {
      config: unitsToo,
      schema: { tags, summary: 'Change an open request (preferred dates, notes)', params: IdParams, body: RequestPatchBody, response: { 200: AsistensiRequest, ...errorResponses } },
    },
    async (request) => await requests.update(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/requests/:id',
    { config: unitsToo, schema: { tags, summary: 'Withdraw an open request', params: IdParams, response: { 200: AsistensiRequest, ...errorResponses } } },
    async (request) => await requests.withdraw(request.actor, request.params.id),
  );

  app.post(
    '/asistensi-periods/:id/auto-schedule',
    {
      schema: {
        tags,
        summary: 'Give open slots to waiting units: displaced first, then draft senders by draft date, then by request time (?limit=&offset= answer a page of the plan\'s lists)',
        params: IdParams,
        querystring: PlanPageQuery,
        body: AutoScheduleBody,
        response: { 200: withPlanCounts(AutoScheduleResult), ...errorResponses },
      },
    },
    async (request) => planPage(request.body.dryRun ? await requests.previewAutoSchedule(request.actor, request.params.id) : await requests.autoSchedule(request.actor, request.params.id), request.query),
  );

}
