import { z } from 'zod';
import { updateSessionSchema } from '../../shared/schemas.js';
import { startAsHostSchema } from '../../shared/sessions.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
const path = (...names: string[]) =>
  names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const organizer = [{ organizer: [] }, { organizerCookie: [] }];
const ok = (description: string, type = 'application/json') => ({ description, content: { [type]: {} } });

/** The operations of registration, lifecycle, staff lists and the record (issue 5). */
export function sessionPaths() {
  return {
    '/organizer/sign-in': {
      post: {
        summary: 'Sign in with the organizer token: sets an HttpOnly, SameSite=Strict cookie',
        requestBody: {
          required: true,
          content: json({ type: 'object', properties: { token: { type: 'string' } } }),
        },
        responses: {
          204: { description: 'Signed in' },
          401: error('Wrong token'),
          429: error('Too many tries'),
        },
      },
    },
    '/organizer/sign-out': {
      post: { summary: 'Clear the cookie', responses: { 204: { description: 'Signed out' } } },
    },
    '/organizer/me': {
      get: {
        summary: 'Whether this request is the organizer',
        responses: { 200: ok('Yes'), 401: error('No') },
      },
    },
    '/organizer/sessions': {
      get: {
        summary: 'Every session',
        security: organizer,
        responses: { 200: ok('Sessions'), 401: error('Not the organizer') },
      },
    },
    '/sessions/{id}/lifecycle/{action}': {
      post: {
        summary: 'open-lobby, go-live, end or cancel; ending disconnects everyone and expires the links',
        security: organizer,
        parameters: path('id', 'action'),
        responses: {
          200: ok('The new status'),
          404: error('No such session'),
          409: error('Not from this status'),
        },
      },
    },
    '/sessions/{id}/host': {
      post: {
        summary:
          'Start as host: the organizer’s own moderator link ("Organizer (host)"), made on the first call ' +
          'and reused after, so repeated calls add no invite (server/policy/SPEC.md, A23)',
        security: organizer,
        parameters: path('id'),
        requestBody: {
          required: false,
          content: json(z.toJSONSchema(startAsHostSchema, { io: 'input', unrepresentable: 'any' })),
        },
        responses: {
          200: ok('The link made by an earlier call: inviteId, joinPath (/join/TOKEN), url, expiresAt'),
          201: ok('A new link: inviteId, joinPath (/join/TOKEN), url, expiresAt'),
          400: error('Malformed id or a body with fields'),
          401: error('Not the organizer'),
          404: error('No such session'),
          409: error('Ended or cancelled, or its end time has passed'),
        },
      },
    },
    '/sessions/{id}/registrations': {
      get: {
        summary: 'Registrations with accommodation requests',
        security: organizer,
        parameters: path('id'),
        responses: { 200: ok('Registrations') },
      },
    },
    '/sessions/{id}/registrations.csv': {
      get: {
        summary: 'Registrations as CSV, safe against formula injection',
        security: organizer,
        parameters: path('id'),
        responses: { 200: ok('CSV', 'text/csv') },
      },
    },
    '/sessions/{id}/registrations/{registrationId}/promote': {
      post: {
        summary: 'Move a registration off the waitlist',
        security: organizer,
        parameters: path('id', 'registrationId'),
        responses: { 204: { description: 'Registered' }, 404: error('No such waitlisted registration') },
      },
    },
    '/sessions/{id}/record': {
      post: {
        summary: 'Publish the record of an ended session',
        security: organizer,
        parameters: path('id'),
        responses: { 201: ok('Published'), 409: error('The session has not ended') },
      },
    },
    '/public/sessions': { get: { summary: 'Upcoming sessions', responses: { 200: ok('Sessions') } } },
    '/public/sessions/{id}': {
      get: {
        summary: 'One session as the public sees it',
        parameters: path('id'),
        responses: { 200: ok('Session'), 404: error('No such session') },
      },
    },
    '/public/sessions/{id}/record': {
      get: {
        summary: 'The published record, as format=json, md or html',
        parameters: path('id'),
        responses: { 200: ok('The record'), 404: error('Not published') },
      },
    },
  };
}

/** PATCH /sessions/{id}, merged into the path the base document already has. */
export const patchSession = {
  summary: 'Edit a session: only the fields given change',
  security: organizer,
  parameters: path('id'),
  requestBody: {
    required: true,
    content: json(z.toJSONSchema(updateSessionSchema, { io: 'input', unrepresentable: 'any' })),
  },
  responses: { 200: ok('The session'), 400: error('Invalid fields'), 409: error('Ended or cancelled') },
};

/** GET /sessions/{id}/invites, merged into the path where invites are created. */
export const listInvites = {
  summary: 'The staff links of a session, revoked ones included (their url is null)',
  security: organizer,
  parameters: path('id'),
  responses: {
    200: {
      description: 'Invites, each with its join url and, for a captioner, the caption URL',
      content: json({
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'role', 'name', 'expiresAt', 'url', 'captionUrl', 'joinedAt', 'revokedAt'],
          properties: {
            ...Object.fromEntries(['id', 'role', 'name', 'expiresAt'].map((k) => [k, { type: 'string' }])),
            ...Object.fromEntries(
              ['url', 'captionUrl', 'joinedAt', 'revokedAt'].map((k) => [k, { type: ['string', 'null'] }]),
            ),
          },
        },
      }),
    },
    400: error('Malformed id'),
    404: error('No such session'),
  },
};
