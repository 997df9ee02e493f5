import { RefusedUpload } from './content.js';
import { mediaDuration, UnreadableMedia } from './mediaDuration.js';
import type { CommentStorage } from './storage.js';
import type { StoredUpload } from './uploads.js';

// W15: the server measures a video comment's length from the file as stored, never from what the
// commenter says of it.

/** Refused because its length could not be read: what the commenter can do about it, in words. */
export const UNREADABLE_VIDEO =
  'We could not read how long this video is. Record it again on this page, or upload a WebM or MP4 file as a browser, phone or camera saved it.';

/**
 * The stored video's length in whole seconds (at least 1), or a RefusedUpload: unreadable (415) or
 * longer than `maxSeconds` (400). The length is rounded to the nearest second before it is held to
 * the limit: a recorder stopped at the limit ends a frame or so past it.
 */
export async function measureVideo(
  storage: CommentStorage,
  video: StoredUpload,
  maxSeconds: number,
): Promise<number | RefusedUpload> {
  const stream = await storage.get(video.key);
  if (!stream) throw new Error(`the stored video ${video.key} is gone`);
  let seconds: number;
  try {
    seconds = await mediaDuration(stream, video.type);
  } catch (err) {
    if (err instanceof UnreadableMedia) return new RefusedUpload(415, 'unreadable-video', UNREADABLE_VIDEO);
    throw err;
  } finally {
    stream.destroy();
  }
  const whole = Math.max(1, Math.round(seconds));
  if (whole > maxSeconds) {
    return new RefusedUpload(
      400,
      'invalid-request',
      `The video is ${lengthWords(whole)} long; this session takes videos of at most ${lengthWords(maxSeconds)}.`,
    );
  }
  return whole;
}

/** A length for people: 45 seconds, 3 minutes, 2 minutes 5 seconds. */
export function lengthWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return plural(rest, 'second');
  return rest === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}
