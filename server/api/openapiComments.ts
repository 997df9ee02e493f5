import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX,
  commentExportQuerySchema,
  commentSettingsSchema,
  moderationDecisionSchema,
  moderationQuerySchema,
  videoCommentSchema,
  writtenCommentSchema,
  type CommentRules,
} from '../../shared/comments.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
const path = (...names: string[]) =>
  names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
/** Query parameters from the schema that validates them. */
const queryOf = (schema: z.ZodType) =>
  Object.entries((schemaOf(schema) as { properties: Record<string, object> }).properties).map(
    ([name, s]) => ({ name, in: 'query', required: false, schema: s }),
  );
const moderators = [{ organizer: [] }, { organizerCookie: [] }, { moderatorLink: [] }];
const binary = { type: 'string', format: 'binary' };

/** The fields as a session with these example rules takes them; each session's own are in GET .../comments. */
const EXAMPLE_RULES: CommentRules = {
  wordLimit: 500,
  anonymousAllowed: true,
  videoMaxSeconds: 180,
  topics: ['A topic of the session'],
};

/** A multipart form: the fields of `schema` and these files. */
function multipart(schema: z.ZodType, files: Record<string, object>) {
  const fields = schemaOf(schema) as { properties: Record<string, object> };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: { type: 'object', properties: { ...fields.properties, ...files } },
      },
    },
  };
}

const submitted = {
  201: { description: 'Received, waiting for moderation: its number and a message' },
  400: error(
    'Invalid fields (each named), a missing video or one longer than the limit, too many files, or a form that is not multipart',
  ),
  404: error('No such session'),
  409: error('Outside the comment period, or the session takes no public comments (policy A32)'),
  413: error('A file larger than its limit'),
  415: error(
    'A file whose bytes are not a type taken here (whatever its name), a video whose length cannot be read, or a body that is not a form',
  ),
  429: error('More than 20 comments a minute from this client address'),
};

/** The comments of the public (issue 16, server/comments/SPEC.md). */
export function commentPaths() {
  return {
    '/public/sessions/{id}/comments': {
      get: {
        summary:
          'The comment period (opensAt, closesAt, where now falls in it), the word and length limits, ' +
          'the topics, whether anonymous comments are taken, and the file types and sizes',
        parameters: path('id'),
        responses: { 200: { description: 'The comment settings' }, 404: error('No such session') },
      },
    },
    '/public/sessions/{id}/comments/written': {
      post: {
        summary: `A written comment with up to ${ATTACHMENTS_MAX} attachments of ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB (PDF, images, plain text; checked by content)`,
        parameters: path('id'),
        requestBody: multipart(writtenCommentSchema(EXAMPLE_RULES), {
          attachments: { type: 'array', items: binary, maxItems: ATTACHMENTS_MAX },
        }),
        responses: submitted,
      },
    },
    '/public/sessions/{id}/comments/video': {
      post: {
        summary:
          'A video comment (WebM or MP4, checked by content, stored as uploaded, its length read from ' +
          'the file and held to the limit: W15), optionally signed, ' +
          'with a summary, a transcript and WebVTT captions',
        parameters: path('id'),
        requestBody: multipart(videoCommentSchema(EXAMPLE_RULES), { video: binary, captions: binary }),
        responses: submitted,
      },
    },
    '/sessions/{id}/comment-settings': {
      put: {
        summary: 'Set the comment period and limits (the organizer, policy A30); answers the public settings',
        security: [{ organizer: [] }, { organizerCookie: [] }],
        parameters: path('id'),
        requestBody: { required: true, content: json(schemaOf(commentSettingsSchema)) },
        responses: {
          200: { description: 'The settings as the comment page shows them' },
          400: error('Invalid settings'),
          401: error('Neither the organizer nor a link of the session'),
          403: error('Not the organizer'),
          404: error('No such session'),
        },
      },
    },
    '/sessions/{id}/comments': {
      get: {
        summary:
          'The comments to moderate, with emails (the organizer or a moderator’s link, A31), and counts by status',
        security: moderators,
        parameters: [...path('id'), ...queryOf(moderationQuerySchema)],
        responses: {
          200: { description: '{ comments, counts }' },
          401: error('Neither the organizer nor a link of the session'),
          403: error('A link of another role'),
          404: error('No such session'),
        },
      },
    },
    '/sessions/{id}/comments/{commentId}/decision': {
      post: {
        summary:
          'Publish, reject with a reason, or mark for reading into the record; the commenter is emailed',
        security: moderators,
        parameters: path('id', 'commentId'),
        requestBody: { required: true, content: json(schemaOf(moderationDecisionSchema)) },
        responses: {
          200: { description: 'The comment as decided' },
          400: error('Invalid decision (a rejection needs a reason)'),
          401: error('Neither the organizer nor a link of the session'),
          403: error('A link of another role'),
          404: error('No such session, or no such comment in it'),
          409: error('Already so, or another moderator decided at the same moment'),
        },
      },
    },
    '/comments/files/{fileId}': {
      get: {
        summary:
          'A comment’s file: to anyone once the comment is public, else to the organizer and moderators ' +
          '(?token= for a moderator’s link); byte ranges for video',
        parameters: [...path('fileId'), ...queryOf(z.object({ token: z.string() }).partial())],
        responses: {
          200: { description: 'The file, with its type and name' },
          206: { description: 'The byte range asked for' },
          404: error('No such file, or not public'),
          416: error('A range past the end'),
        },
      },
    },
    '/public/sessions/{id}/record/comments': {
      get: {
        summary:
          'The published comments of a published record as CSV or JSON: never an email, no name when anonymous',
        parameters: [...path('id'), ...queryOf(commentExportQuerySchema)],
        responses: {
          200: { description: 'The comments', content: { 'text/csv': {}, 'application/json': {} } },
          404: error('No published record for this session'),
        },
      },
    },
  };
}
