import { z } from 'zod';
import { recordsQuerySchema } from '../../shared/records.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
const STRING_FIELDS = ['id', 'title', 'focus', 'startsAt', 'endsAt', 'timeZone', 'publishedAt'];

/** The public list of published records, its query built from the schema that validates it. */
export function recordPaths() {
  const query = z.toJSONSchema(recordsQuerySchema, { io: 'input' }) as {
    properties: Record<string, object>;
  };
  return {
    '/public/records': {
      get: {
        summary: 'Published records, newest session first, with their dates and time zones',
        parameters: Object.entries(query.properties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema,
        })),
        responses: {
          200: {
            description: 'One page of records and how many are published in all',
            content: json({
              type: 'object',
              required: ['records', 'total'],
              properties: {
                total: { type: 'integer' },
                records: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: STRING_FIELDS,
                    properties: Object.fromEntries(STRING_FIELDS.map((k) => [k, { type: 'string' }])),
                  },
                },
              },
            }),
          },
          400: error('Invalid query'),
        },
      },
    },
  };
}
