// What the captions-only page needs of the caption contract without Zod (the page's whole script
// is held to 50 KB gzipped): constants, the line types, and the language tag's pattern.
// shared/captions.ts re-exports all of it beside the schemas.

/** Caption languages are BCP 47 tags such as en-US; the default track is English. */
export const DEFAULT_CAPTION_LANG = 'en-US';
export const CAPTION_LINE_MAX_CHARS = 1000;
/** How a written remark given the floor reads in the captions and the transcript (C10). */
export const REMARK_PREFIX = '[Written remark]';
export const CAPTION_POST_MAX_BYTES = 8 * 1024;
/** Text sent without a line break is committed after this pause, for software that never sends breaks. */
export const CAPTION_IDLE_COMMIT_MS = 3000;

/** How many recent lines a late joiner receives, and the most one sync answers with. */
export const CAPTION_SYNC_MAX_LINES = 200;

/** A BCP 47 language tag as captions take it: en-US, es-MX, ase. */
export const LANG_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** A committed caption line: numbered per session so a client can ask for exactly what it missed. */
export interface CaptionLine {
  seq: number;
  lang: string;
  speaker: string;
  text: string;
  /** When the line began (ISO): the cue's start in transcripts. */
  startedAt: string;
  /** When the line was committed (ISO). */
  at: string;
  /** When the line was last corrected (ISO), for a line corrected after it was committed (C17, C18). */
  correctedAt?: string;
  /**
   * The session's count of corrections when this one was made (1, 2, 3...): a page that holds a
   * line keeps the version with the higher count, and catches up on the corrections it missed (C19).
   */
  fix?: number;
}

/** The line being written, shown in place before it is committed. */
export interface CaptionPartial {
  lang: string;
  speaker: string;
  text: string;
  /** When the server sent it (ISO), so a viewer (or a benchmark) can tell how fresh it is. */
  at: string;
  /**
   * The committed line this one writes again (C16): backspaces reached back across its line break.
   * Shown in that line's place until it is committed again, as a correction of it (C17).
   */
  reopens?: number;
}
