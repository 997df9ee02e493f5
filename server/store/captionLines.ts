import type { CaptionLine } from '../../shared/captions.js';
import type { CaptionLinesTable, Db } from './db.js';

// Committed caption lines as pages see them, and their corrections in place (C17-C19).

/** The session's count of corrections so far (C19), 0 before the first. */
export async function maxFix(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('caption_lines')
    .select((eb) => eb.fn.max('fix').as('max'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** A committed line's new text (C17, C18), as of `at`. */
export interface LineCorrection {
  seq: number;
  text: string;
  speaker: string;
  /** Whether the ingest's line break committed it again (C16); the console's corrections keep it. */
  breakAfter?: boolean;
  at: string;
}

type LineRow = Pick<
  CaptionLinesTable,
  'seq' | 'lang' | 'speaker' | 'text' | 'at' | 'corrected_at' | 'fix'
> & {
  startedAt: string;
};
export const LINE_COLUMNS = [
  'seq',
  'lang',
  'speaker',
  'text',
  'started_at as startedAt',
  'at',
  'corrected_at',
  'fix',
] as const;

/** A stored line as pages see it: the correction's time and count only once it was corrected. */
export function toLine({ corrected_at, fix, ...line }: LineRow): CaptionLine {
  return corrected_at === null || fix === null ? line : { ...line, correctedAt: corrected_at, fix };
}

/**
 * Stores a committed line's new text in place with the correction's time and the session's next
 * correction count (C19); a correction that changes no text only keeps how the line ended (C16).
 * Returns the corrected line, or null when nothing a page shows changed (or there is no such line).
 */
export async function correctLine(db: Db, sessionId: string, c: LineCorrection): Promise<CaptionLine | null> {
  const row = await db
    .selectFrom('caption_lines')
    .select(LINE_COLUMNS)
    .where('session_id', '=', sessionId)
    .where('seq', '=', c.seq)
    .executeTakeFirst();
  if (!row) return null;
  const breakAfter = c.breakAfter === undefined ? {} : { break_after: c.breakAfter ? 1 : 0 };
  const same = row.text === c.text && row.speaker === c.speaker;
  const fix = same ? null : (await maxFix(db, sessionId)) + 1;
  const changes =
    fix === null ? breakAfter : { text: c.text, speaker: c.speaker, corrected_at: c.at, fix, ...breakAfter };
  if (Object.keys(changes).length > 0) {
    await db
      .updateTable('caption_lines')
      .set(changes)
      .where('session_id', '=', sessionId)
      .where('seq', '=', c.seq)
      .execute();
  }
  return fix === null ? null : toLine({ ...row, text: c.text, speaker: c.speaker, corrected_at: c.at, fix });
}
