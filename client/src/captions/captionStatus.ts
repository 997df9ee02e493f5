import { useEffect, useState } from 'react';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import type { CaptionFeed, TrackActivity } from './feed';

// The caption-lag indicator (issue 15): how far behind the captioner's writing the captions arrive,
// shown quietly, and a plain "paused" when the captioner writing the track has dropped.

/** With the captioner gone, this long without a word means the feed has stopped. */
export const PAUSED_AFTER_MS = 5000;
/** The lag is shown while the track has been written this recently. */
const LAG_SHOWN_MS = 60_000;

export interface CaptionStatus {
  /** How late the last words arrived, or null when nothing was written lately. */
  lagMs: number | null;
  paused: boolean;
}

/** The room as the indicator needs it: who writes each track, and who is connected. */
export type CaptionRoom = Pick<RoomState, 'participants' | 'captionPens'>;

/**
 * The status of a track now: paused while the captioner holding its pen (A26) is known to have
 * dropped and nothing has come for PAUSED_AFTER_MS (their software may still be posting); a
 * captioner the room does not list (software only) is never taken for gone.
 */
export function captionStatus(
  activity: TrackActivity | undefined,
  writer: Participant | undefined,
  now: number,
): CaptionStatus {
  const quietMs = activity ? now - activity.arrivedAt : Infinity;
  return {
    lagMs: activity && quietMs < LAG_SHOWN_MS ? activity.lagMs : null,
    paused: writer !== undefined && !writer.online && quietMs >= PAUSED_AFTER_MS,
  };
}

/** How the lag reads. */
export function lagText(lagMs: number): string {
  if (lagMs < 1000) return 'Captions are less than a second behind the captioner.';
  const seconds = Math.round(lagMs / 1000);
  return `Captions are about ${seconds} second${seconds === 1 ? '' : 's'} behind the captioner.`;
}

/** captionStatus for a track, kept current as time passes. */
export function useCaptionStatus(feed: CaptionFeed, lang: string, room: CaptionRoom | null): CaptionStatus {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const writerId = room?.captionPens?.[lang];
  const writer = room?.participants.find((p) => p.id === writerId);
  return captionStatus(feed.activity[lang], writer, Math.max(now, feed.activity[lang]?.arrivedAt ?? 0));
}
