import { z } from 'zod';
import { createInviteSchema, createSessionSchema } from '../../shared/schemas.js';
import { captionPaths } from './openapiCaptions.js';
import { commentPaths } from './openapiComments.js';
import { healthPaths } from './openapiHealth.js';
import { managePaths } from './openapiManage.js';
import { recordPaths } from './openapiRecords.js';
import { listInvites, patchSession, sessionPaths } from './openapiSessions.js';
import { ORGANIZER_COOKIE } from './organizerAuth.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** The OpenAPI 3.1 document of the HTTP API, built from the same schemas that validate requests. */
export function buildOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'OpenFloor API', version: '0.1.0' },
    servers: [{ url: `${serverUrl}/api` }],
    components: {
      securitySchemes: {
        organizer: { type: 'http', scheme: 'bearer', description: 'ORGANIZER_TOKEN' },
        organizerCookie: { type: 'apiKey', in: 'cookie', name: ORGANIZER_COOKIE },
        moderatorLink: { type: 'http', scheme: 'bearer', description: 'A moderator’s join link token' },
      },
      schemas: {
        CreateSession: z.toJSONSchema(createSessionSchema, { io: 'input', unrepresentable: 'any' }),
        CreateInvite: z.toJSONSchema(createInviteSchema, { io: 'input', unrepresentable: 'any' }),
        Session: {
          type: 'object',
          required: ['id', 'title', 'startsAt', 'endsAt', 'timeZone'],
          properties: Object.fromEntries(
            ['id', 'title', 'startsAt', 'endsAt', 'timeZone'].map((k) => [k, { type: 'string' }]),
          ),
        },
        Invite: {
          type: 'object',
          required: ['id', 'role', 'name', 'expiresAt', 'url'],
          properties: Object.fromEntries(
            ['id', 'role', 'name', 'expiresAt', 'url'].map((k) => [k, { type: 'string' }]),
          ),
        },
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array' } },
        },
      },
    },
    paths: {
      ...sessionPaths(),
      ...captionPaths(),
      ...healthPaths(),
      ...managePaths(),
      ...recordPaths(),
      ...commentPaths(),
      '/sessions': {
        post: {
          summary: 'Create a session',
          security: [{ organizer: [] }],
          requestBody: { required: true, content: json(ref('CreateSession')) },
          responses: {
            201: { description: 'Created', content: json(ref('Session')) },
            400: errorResponse('Invalid body'),
            401: errorResponse('Missing or wrong organizer token'),
          },
        },
      },
      '/sessions/{id}': {
        patch: patchSession,
        get: {
          summary: 'Read a session',
          security: [{ organizer: [] }],
          parameters: [idParam('id')],
          responses: {
            200: { description: 'The session', content: json(ref('Session')) },
            404: errorResponse('No such session'),
          },
        },
      },
      '/sessions/{id}/invites': {
        get: listInvites,
        post: {
          summary: 'Create a personal join link for a role; it expires when the session ends',
          security: [{ organizer: [] }],
          parameters: [idParam('id')],
          requestBody: { required: true, content: json(ref('CreateInvite')) },
          responses: {
            201: { description: 'Created', content: json(ref('Invite')) },
            400: errorResponse('Invalid body'),
            404: errorResponse('No such session'),
            409: errorResponse('The session has ended'),
          },
        },
      },
      '/sessions/{id}/invites/{inviteId}': {
        delete: {
          summary: 'Revoke a join link; whoever uses it is disconnected',
          security: [{ organizer: [] }],
          parameters: [idParam('id'), idParam('inviteId')],
          responses: { 204: { description: 'Revoked' }, 404: errorResponse('No such active invite') },
        },
      },
      '/join/{token}': {
        get: {
          summary: 'Who a join link is for (used by the pre-join page)',
          parameters: [idParam('token')],
          responses: {
            200: { description: 'The invite' },
            400: errorResponse('Malformed link'),
            403: errorResponse('Link not signed by this server'),
            404: errorResponse('Unknown link'),
            410: errorResponse('Expired or revoked link'),
          },
        },
      },
    },
  };
}
