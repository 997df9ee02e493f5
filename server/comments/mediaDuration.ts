import { MediaReader, UnreadableMedia } from './mediaReader.js';
import { mp4Duration } from './mp4Duration.js';
import { webmDuration } from './webmDuration.js';

export { UnreadableMedia } from './mediaReader.js';

/**
 * How long a video plays, in seconds, read from its bytes (W15): WebM or MP4, as its type was found
 * by content (content.ts). Throws UnreadableMedia for bytes it cannot read, whatever they are; an
 * error of the stream itself (the disk) passes through.
 */
export async function mediaDuration(
  bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  type: string,
): Promise<number> {
  const reader = MediaReader.of(bytes);
  if (type === 'video/webm') return webmDuration(reader);
  if (type === 'video/mp4') return mp4Duration(reader);
  throw new UnreadableMedia(`no reader for ${type}`);
}
