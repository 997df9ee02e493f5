// The liveness and readiness checks in the OpenAPI document: what a load balancer or an operator's
// monitoring asks (rules H1, H2 in server/api/health.ts).

const readiness = {
  type: 'object',
  required: ['status', 'store', 'media', 'mediaPending'],
  properties: {
    status: { enum: ['ready', 'degraded', 'unavailable', 'stopping'] },
    store: { enum: ['ok', 'unreachable'] },
    media: { enum: ['ok', 'unreachable', 'not-configured'] },
    mediaProblem: { type: 'string', description: 'Why the media server counts as down' },
    mediaPending: { type: 'integer', description: 'Media operations waiting to be carried out' },
  },
};
const body = { 'application/json': { schema: readiness } };

export function healthPaths() {
  return {
    '/health/live': {
      get: {
        summary: 'Liveness: answers while the process serves requests',
        responses: { 200: { description: 'Serving' } },
      },
    },
    '/health/ready': {
      get: {
        summary:
          'Readiness: the store answers and the server is not stopping; media is reported, not required',
        responses: {
          200: { description: 'Ready, or degraded (media down; captions and the queue work)', content: body },
          503: { description: 'The store does not answer, or the server is stopping', content: body },
        },
      },
    },
  };
}
