import type { Track } from 'livekit-client';
import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the <video> has shown a frame of `track` (true from that frame on, false again for the
 * next track). Chromium and Safari tell each presented frame; elsewhere the element's first data
 * or size change stands for it.
 */
export function useFirstFrame(ref: RefObject<HTMLVideoElement | null>, track: Track | null | undefined) {
  const [shownTrack, setShownTrack] = useState<Track | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!track || !el) return;
    const shown = () => setShownTrack(track);
    if ('requestVideoFrameCallback' in el) {
      const handle = el.requestVideoFrameCallback(shown);
      return () => el.cancelVideoFrameCallback(handle);
    }
    const video = el as HTMLVideoElement;
    video.addEventListener('loadeddata', shown, { once: true });
    video.addEventListener('resize', shown, { once: true });
    return () => {
      video.removeEventListener('loadeddata', shown);
      video.removeEventListener('resize', shown);
    };
  }, [ref, track]);
  return track != null && shownTrack === track;
}
