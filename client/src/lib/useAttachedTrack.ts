import type { Track } from 'livekit-client';
import { useEffect, useRef } from 'react';

/** A ref for a <video> that shows `track` while both exist, detaching it on change or unmount. */
export function useAttachedTrack(track: Track | null | undefined) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!track || !el) return;
    track.attach(el);
    return () => {
      track.detach(el);
    };
  }, [track]);
  return ref;
}
