import {
  RoomEvent,
  Track,
  VideoQuality,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  type Room,
} from 'livekit-client';
import { useEffect, type RefObject } from 'react';

const isCameraOf = (id: string, pub: RemoteTrackPublication, who: RemoteParticipant) =>
  who.identity === id && pub.source === Track.Source.Camera;

/**
 * A tile's camera, taken the moment LiveKit has it rather than when the page next renders: a
 * camera just published is asked for at the bottom layer at once (the one a new camera sends
 * first; the tile asks for its own layer once a frame is on screen), and a subscribed camera is put
 * into the tile's <video> at once. The element stays hidden until the render that takes the status
 * away, but it is already receiving, so the first keyframe is on its way meanwhile. The render then
 * attaches the same track again (a no-op) and owns it from then on; what is attached here is
 * detached here when the tile moves to someone else or goes.
 */
export function useEarlyAttach(
  ref: RefObject<HTMLVideoElement | null>,
  room: Room,
  participantId: string | null,
) {
  useEffect(() => {
    if (!participantId) return;
    const attached = new Map<RemoteTrack, HTMLVideoElement>();
    const onPublished = (pub: RemoteTrackPublication, who: RemoteParticipant) => {
      if (isCameraOf(participantId, pub, who)) pub.setVideoQuality(VideoQuality.LOW);
    };
    const onSubscribed = (track: RemoteTrack, pub: RemoteTrackPublication, who: RemoteParticipant) => {
      const el = ref.current;
      if (!el || !isCameraOf(participantId, pub, who)) return;
      track.attach(el);
      attached.set(track, el);
    };
    room.on(RoomEvent.TrackPublished, onPublished).on(RoomEvent.TrackSubscribed, onSubscribed);
    return () => {
      room.off(RoomEvent.TrackPublished, onPublished).off(RoomEvent.TrackSubscribed, onSubscribed);
      attached.forEach((el, track) => track.detach(el));
    };
  }, [ref, room, participantId]);
}
