import { Router, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { commentFileQuerySchema, PUBLIC_COMMENT_STATUSES } from '../../shared/comments.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import type { CommentFileRow, CommentRepo } from '../store/commentRepo.js';
import { allows, askerOf, type AccessDeps } from './access.js';
import type { CommentService } from './service.js';
import type { ByteRange, CommentStorage } from './storage.js';

export interface FileRouteDeps {
  service: CommentService;
  comments: CommentRepo;
  storage: CommentStorage;
  access: AccessDeps;
}

const NO_FILE = 'No such file.';

/**
 * The one byte range of a `Range: bytes=...` header within `size` bytes; 'whole' for no header or
 * one this server does not split (several ranges, other units), 'unsatisfiable' for a range past
 * the end.
 */
export function rangeOf(header: string | undefined, size: number): ByteRange | 'whole' | 'unsatisfiable' {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'whole';
  if (m[1] === '') {
    // The last N bytes.
    const n = Number(m[2]);
    return n === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Shown in place (images, video, captions) or downloaded (PDF, text), under its own name. */
function disposition(f: CommentFileRow): string {
  const inline = /^(image|video)\//.test(f.media_type) || f.media_type === 'text/vtt';
  const ascii = f.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`;
}

const typeHeader = (t: string) => (t.startsWith('text/') ? `${t}; charset=utf-8` : t);

/** W9, W12: a comment's file, to anyone once public, else to the organizer and moderators (A31, A33). */
export function createCommentFileRouter(deps: FileRouteDeps): Router {
  const router = Router();

  async function send(res: Response, f: CommentFileRow, isPublic: boolean, rangeHeader?: string) {
    const size = (await deps.storage.size(f.storage_key)) ?? -1;
    if (size < 0) return sendError(res, 404, 'not-found', NO_FILE);
    const range = rangeOf(rangeHeader, size);
    res.set({
      'Content-Type': typeHeader(f.media_type),
      'Content-Disposition': disposition(f),
      'X-Content-Type-Options': 'nosniff',
      'Accept-Ranges': 'bytes',
      // A decision can be taken back (W7): checked again on every use, never kept by a shared cache.
      'Cache-Control': isPublic ? 'public, no-cache' : 'private, no-store',
    });
    if (range === 'unsatisfiable') {
      res.set('Content-Range', `bytes */${size}`);
      return sendError(res, 416, 'range-not-satisfiable', `The file has ${size} bytes.`);
    }
    const part = range === 'whole' ? undefined : range;
    const body = await deps.storage.get(f.storage_key, part);
    if (!body) return sendError(res, 404, 'not-found', NO_FILE);
    if (part) res.status(206).set('Content-Range', `bytes ${part.start}-${part.end}/${size}`);
    res.set('Content-Length', String(part ? part.end - part.start + 1 : size));
    // A client that goes away mid-file is not an error of the server's.
    await pipeline(body, res).catch(() => body.destroy());
  }

  router.get('/comments/files/:fileId', async (req, res) => {
    const fileId = parseOr400(res, idSchema, req.params.fileId);
    const query = fileId && parseOr400(res, commentFileQuerySchema, req.query);
    if (!fileId || !query) return;
    const file = await deps.comments.getFile(fileId);
    const comment = file && (await deps.comments.get(file.comment_id));
    const cs = comment && (await deps.service.load(comment.session_id));
    if (!file || !comment || !cs) return sendError(res, 404, 'not-found', NO_FILE);
    if (PUBLIC_COMMENT_STATUSES.includes(comment.status) && allows('comments:read-published', null, cs).ok) {
      return send(res, file, true, req.get('range'));
    }
    const asker = await askerOf(deps.access, req, cs, query.token);
    // The public is told nothing of a file it may not see, not even that it exists.
    if (!asker || !allows('comments:moderate', asker, cs).ok)
      return sendError(res, 404, 'not-found', NO_FILE);
    return send(res, file, false, req.get('range'));
  });

  return router;
}
