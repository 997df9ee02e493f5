import { RemoteTrackPublication, type TrackPublication, type VideoQuality } from 'livekit-client';
import { useEffect } from 'react';
import { useAttachedTrack } from '../lib/useAttachedTrack';

export interface TileProps {
  /** The figure's accessible name and visible caption, e.g. "ASL interpreter: Ana Ruiz". */
  label: string;
  /** A different visible caption, when the name would repeat the status ("Waiting for…"). */
  caption?: string;
  publication: TrackPublication | undefined;
  /** The simulcast layer this viewer asks for: HIGH on the stage, LOW in the strip. */
  quality: VideoQuality;
  /** Shown in place of the video when there is none: "Reconnecting…", "Camera off". */
  status: string | null;
  participantId: string | null;
  className?: string;
}

/**
 * A video tile. The element stays put when the person in it changes: only the video inside is
 * swapped, so a hand-off between interpreters does not move anything on the stage.
 */
export function Tile(props: TileProps) {
  const { label, caption = label, publication, quality, status, participantId, className = '' } = props;
  const track = publication?.track;
  const videoRef = useAttachedTrack(track);

  useEffect(() => {
    // Adaptive stream is off, so LiveKit sends exactly the layer asked for here.
    if (publication instanceof RemoteTrackPublication) publication.setVideoQuality(quality);
  }, [publication, quality]);

  return (
    <figure className={`tile ${className}`} aria-label={label}>
      <div className="tile-media">
        <video
          ref={videoRef}
          className="tile-video"
          data-participant-id={participantId ?? undefined}
          autoPlay
          muted
          playsInline
          aria-hidden="true"
          hidden={!track || status !== null}
        />
        {status && <p className="tile-status">{status}</p>}
      </div>
      <figcaption className="tile-name">{caption}</figcaption>
    </figure>
  );
}
