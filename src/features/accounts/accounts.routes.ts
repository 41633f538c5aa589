import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api';
import { errorResponses, IdParams, NoBody } from '../../platform/schemas';
import { InvitedUser, PasswordLink, User, UserCreateBody, UserListQuery, UserPatchBody } from './accounts.schemas';
import type { UsersService } from './users.service';

/** People who sign in to the pages, managed by organisers. */
export function accountRoutes(app: Api, { users }: { users: UsersService }) {
  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite a person (an organiser, or a unit’s operator): answers a one-time link to set a password',
        body: UserCreateBody,
        response: { 201: InvitedUser, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await users.invite(request.actor, request.body)),
  );

  app.get(
    '/users',
    { schema: { tags: ['users'], summary: 'List people with accounts', querystring: UserListQuery, response: { 200: Type.Array(User), ...errorResponses } } },
    async (request) => await users.list(request.actor, request.query),
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: 'One account', params: IdParams, response: { 200: User, ...errorResponses } } },
    async (request) => await users.get(request.actor, request.params.id),
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], summary: 'Rename, disable or enable an account', params: IdParams, body: UserPatchBody, response: { 200: User, ...errorResponses } } },
    async (request) => await users.update(request.actor, request.params.id, request.body),
  );

  app.post(
    '/users/:id/password-link',
    {
      schema: {
        tags: ['users'],
        summary: 'A new one-time link to set a password (older unused links stop working)',
        params: IdParams,
        body: NoBody,
        response: { 201: PasswordLink, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await users.newLink(request.actor, request.params.id)),
  );
}
