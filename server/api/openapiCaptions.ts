// The caption ingest, the transcript downloads and LiveKit's webhook, in the OpenAPI document. The ingest follows
// Zoom's closed-caption API, so captioning software can post to it unchanged.

const text = (description: string, type = 'text/plain') => ({ description, content: { [type]: {} } });
const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});
const sessionId = { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } };

export function captionPaths() {
  return {
    '/captions/{sessionId}': {
      post: {
        summary: 'Caption text from CART software; a line break commits a line (Zoom-compatible)',
        parameters: [
          sessionId,
          query('token', "The captioner link's caption token", true),
          query('seq', 'Grows with each post; a post not above the last accepted one changes nothing', true),
          query('lang', 'Caption track, such as en-US'),
        ],
        requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' } } } },
        responses: {
          200: text('Accepted, or a retried seq'),
          400: text('The session is not live'),
          403: text('Missing or invalid caption token or seq'),
          409: text('Another captioner holds the pen (policy A26): nothing was stored'),
          429: text('Too many posts'),
        },
      },
    },
    '/captions/{sessionId}/seq': {
      get: {
        summary: 'The last accepted seq of this caption link',
        parameters: [sessionId, query('token', "The captioner link's caption token", true)],
        responses: { 200: text('The last seq, 0 if none'), 403: text('Missing or invalid caption token') },
      },
    },
    '/transcripts/{sessionId}': {
      get: {
        summary: 'The transcript as txt, vtt or srt, timed from the session start',
        security: [{}, { organizer: [] }, { organizerCookie: [] }],
        parameters: [
          sessionId,
          query('format', 'txt (default), vtt or srt'),
          query('lang', 'Caption track, en-US by default'),
          query(
            'token',
            'A join link token of this session, unless signed in as the organizer; after the session, ' +
              'the link of someone who was in the room, for 30 days after its scheduled end (policy A24)',
          ),
        ],
        responses: {
          200: text('The transcript'),
          400: text('Malformed id or query', 'application/json'),
          403: text('Neither a link of this session nor the organizer', 'application/json'),
          404: text('No such session', 'application/json'),
        },
      },
    },
    '/livekit/webhook': {
      post: {
        summary:
          "LiveKit's room and participant events, signed with the API key; whoever the policy no longer allows in a media room is removed (K4)",
        requestBody: { required: true, content: { 'application/webhook+json': {} } },
        responses: { 200: { description: 'Received' }, 401: text('Missing or wrong signature') },
      },
    },
    '/openapi.json': {
      get: { summary: 'This document', responses: { 200: text('OpenAPI 3.1', 'application/json') } },
    },
  };
}
