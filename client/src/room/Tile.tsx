import { RemoteTrackPublication, type TrackPublication, type VideoQuality } from 'livekit-client';
import { useEffect, useRef } from 'react';

export interface TileProps {
  /** The accessible name, e.g. "ASL interpreter: Ana Ruiz". */
  label: string;
  publication: TrackPublication | undefined;
  quality: VideoQuality;
  /** Shown over the tile when there is no live video: "Reconnecting…", "Camera off". */
  status: string | null;
  participantId: string | null;
  className?: string;
}

/** A video tile. Its element stays put when the person in it changes; only the video inside is swapped. */
export function Tile({ label, publication, quality, status, participantId, className = '' }: TileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const track = publication?.track;

  useEffect(() => {
    // Viewers ask for the layer they need: adaptive stream is off so this choice is honoured.
    if (publication instanceof RemoteTrackPublication) publication.setVideoQuality(quality);
  }, [publication, quality]);

  useEffect(() => {
    const el = videoRef.current;
    if (!track || !el) return;
    track.attach(el);
    return () => {
      track.detach(el);
    };
  }, [track]);

  return (
    <figure className={`tile ${className}`} aria-label={label}>
      <video
        ref={videoRef}
        className="tile-video"
        data-participant-id={participantId ?? undefined}
        autoPlay
        muted
        playsInline
        aria-hidden="true"
        hidden={!track}
      />
      {(status || !track) && <p className="tile-status">{status ?? 'Video connecting…'}</p>}
      <figcaption className="tile-name">{label}</figcaption>
    </figure>
  );
}
