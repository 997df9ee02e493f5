import { Router } from 'express';
import { commentExportQuerySchema } from '../../shared/comments.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import type { RecordService } from './recordService.js';

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json' } as const;

/** W14: GET /api/public/sessions/:id/record/comments?format=csv|json, the published record's comments. */
export function createRecordCommentsRouter(deps: { records: RecordService }): Router {
  const router = Router();
  router.get('/public/sessions/:id/record/comments', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const query = id && parseOr400(res, commentExportQuerySchema, req.query);
    if (!id || !query) return;
    const record = await deps.records.published(id);
    if (!record) return sendError(res, 404, 'not-found', 'No published record for this session.');
    res
      .type(TYPES[query.format])
      .set('Content-Disposition', `attachment; filename="comments-${id}.${query.format}"`)
      .send(deps.records.renderComments(record, query.format));
  });
  return router;
}
