import { z } from 'zod';
import { registrationChangeSchema, registrationSchema } from '../../shared/sessions.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
const token = [
  {
    name: 'token',
    in: 'path',
    required: true,
    description: 'The private manage token from the registrant’s email (audience openfloor:manage).',
    schema: { type: 'string' },
  },
];
const badLink = {
  400: error('Malformed token, or a token for another use (a join link)'),
  403: error('Not signed by this server'),
  404: error('No registration for this token'),
  410: error('Expired, the registration cancelled, or the session cancelled'),
};
const managed = (description: string) => ({
  description,
  content: json({
    type: 'object',
    description:
      'status, name, organization, affiliation, wishToSpeak, topic, accommodations, ' +
      'joinUrl (once registered), calendarUrl and the public session',
  }),
});

/** Registering, and the registrant's private manage link (server/sessions/SPEC.md, R2-R11). */
export function managePaths() {
  return {
    '/public/sessions/{id}/registrations': {
      post: {
        summary:
          'Register. The answer is the same for a new email and a known one (R2): the join link, the ' +
          'calendar file and the manage link go only by email. A known email changes nothing and is ' +
          'mailed its links again (R3).',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: json(z.toJSONSchema(registrationSchema, { io: 'input', unrepresentable: 'any' })),
        },
        responses: {
          202: {
            description: 'Accepted; a message is on its way to the address',
            content: json({
              type: 'object',
              properties: { message: { type: 'string' } },
              required: ['message'],
            }),
          },
          400: error('Invalid fields'),
          404: error('No such session'),
          409: error('Registration closed'),
          429: error('More than 30 registrations a minute from this client address'),
        },
      },
    },
    '/public/registrations/manage/{token}': {
      get: {
        summary: 'The registration behind a manage link',
        parameters: token,
        responses: { 200: managed('The registration'), ...badLink },
      },
      patch: {
        summary: 'Change any detail but the email; a new name renames the invite',
        parameters: token,
        requestBody: {
          required: true,
          content: json(z.toJSONSchema(registrationChangeSchema, { io: 'input', unrepresentable: 'any' })),
        },
        responses: { 200: managed('The changed registration'), ...badLink },
      },
      delete: {
        summary: 'Cancel: the invite is revoked at once and the first waitlisted person takes the place',
        parameters: token,
        responses: { 204: { description: 'Cancelled' }, ...badLink },
      },
    },
    '/public/registrations/manage/{token}/confirm': {
      post: {
        summary: 'Confirm the email of a pending registration: registered, or waitlisted when full',
        parameters: token,
        responses: { 200: managed('The registration after confirming'), ...badLink },
      },
    },
    '/public/registrations/manage/{token}/calendar.ics': {
      get: {
        summary: 'The calendar file, with the join link once registered',
        parameters: token,
        responses: { 200: { description: 'iCalendar', content: { 'text/calendar': {} } }, ...badLink },
      },
    },
  };
}
