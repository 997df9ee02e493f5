import { createLocalTracks, type CreateLocalTracksOptions, type LocalTrack, type Room } from 'livekit-client';
import { useEffect } from 'react';
import type { QueueSnapshot } from '../../../shared/queue.js';
import { canPublishOnJoin, type InviteRole } from '../../../shared/roles.js';
import { captureOptions, type MediaChoices } from './publish';

// A speaker's camera and microphone, captured ahead and not published, per page Room.
const prepared = new WeakMap<Room, Promise<LocalTrack[]>>();

/** The tracks made ahead, handed over once (to be published); undefined when none were made. */
export function takePreparedTracks(room: Room): Promise<LocalTrack[]> | undefined {
  const tracks = prepared.get(room);
  prepared.delete(room);
  return tracks;
}

/** Captures the tracks ahead, once per Room until they are taken or released. */
export function prepareTracks(room: Room, options: CreateLocalTracksOptions): void {
  if (prepared.has(room)) return;
  // A camera that cannot start now is tried again, and its error shown, when the grant comes.
  prepared.set(
    room,
    createLocalTracks(options).catch(() => []),
  );
}

function releasePreparedTracks(room: Room): void {
  void takePreparedTracks(room)?.then((tracks) => tracks.forEach((t) => t.stop()));
}

/** Where the person is on the way to speaking (not writing a remark): asked, or holding the floor. */
function speakingStep(queue: QueueSnapshot | undefined, selfId: string | undefined) {
  if (!queue || !selfId) return { asked: false, holding: false };
  // Not while they only wait first in line: that can last minutes, with the camera's light on and
  // nothing said about it. Asked, they have the floor's question in front of them, and reading it
  // takes longer than starting the camera.
  const mine = queue.entries.find((e) => e.participantId === selfId);
  return {
    asked: queue.offer?.participantId === selfId && mine?.kind === 'speak',
    holding: queue.floor?.participantId === selfId && queue.floor.kind === 'speak',
  };
}

/**
 * A speaker's camera and microphone are captured once they are asked to take the floor, so that
 * the grant, when the server gives it, only has to publish them. Nothing is sent before the grant:
 * the tracks stay on this page (publishCameraAndMicrophone takes them then). They are made only
 * while the person is asked (never again while they hold the floor, where a reconnection publishes
 * the way it always has), and stopped once the person is neither asked nor holding the floor.
 */
export function usePreparedSpeakerTracks(
  room: Room,
  role: InviteRole,
  choices: MediaChoices,
  queue: QueueSnapshot | undefined,
  selfId: string | undefined,
): void {
  const step = canPublishOnJoin(role) ? { asked: false, holding: false } : speakingStep(queue, selfId);
  const { asked, holding } = step;
  useEffect(() => {
    if (asked) prepareTracks(room, captureOptions(role, choices));
  }, [room, asked, role, choices]);
  useEffect(() => {
    if (!asked && !holding) releasePreparedTracks(room);
  }, [room, asked, holding]);
  useEffect(() => () => releasePreparedTracks(room), [room]);
}
