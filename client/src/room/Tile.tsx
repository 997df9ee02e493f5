import { RemoteTrackPublication, VideoQuality, type Room, type TrackPublication } from 'livekit-client';
import { useEffect } from 'react';
import { useAttachedTrack } from '../lib/useAttachedTrack';
import { useFirstFrame } from '../lib/useFirstFrame';
import { useEarlyAttach } from './useEarlyAttach';

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
  /** The page's Room, whose subscriptions the tile takes before the page renders them. */
  room: Room;
  className?: string;
}

/**
 * A video tile. The element stays put when the person in it changes: only the video inside is
 * swapped, so a hand-off between interpreters does not move anything on the stage.
 */
export function Tile(props: TileProps) {
  const { label, caption = label, publication, quality, status, participantId, room, className = '' } = props;
  const track = publication?.track;
  const videoRef = useAttachedTrack(track);
  useEarlyAttach(videoRef, room, participantId);
  const shown = useFirstFrame(videoRef, track);

  useEffect(() => {
    // Adaptive stream is off, so LiveKit sends exactly the layer asked for here. Until the first
    // frame is on screen the bottom layer is asked for: it is the one a camera just started sends
    // first (its bandwidth estimate has not grown to the others yet), so the person appears at
    // once, and sharpens when the top layer comes.
    if (!(publication instanceof RemoteTrackPublication)) return;
    publication.setVideoQuality(shown ? quality : VideoQuality.LOW);
  }, [publication, quality, shown]);

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
