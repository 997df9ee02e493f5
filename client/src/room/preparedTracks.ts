import {
  createLocalTracks,
  Track,
  type CreateLocalTracksOptions,
  type LocalTrack,
  type Room,
} from 'livekit-client';
import { useEffect, useState } from 'react';
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
export function prepareTracks(room: Room, options: CreateLocalTracksOptions): Promise<LocalTrack[]> {
  const made = prepared.get(room);
  if (made) return made;
  // A camera that cannot start now is tried again, and its error shown, when the grant comes.
  const tracks = createLocalTracks(options).catch(() => []);
  prepared.set(room, tracks);
  return tracks;
}

function releasePreparedTracks(room: Room): void {
  void takePreparedTracks(room)?.then((tracks) => tracks.forEach((t) => t.stop()));
}

/** Where the person is on the way to speaking (not writing a remark). */
export function speakingStep(queue: QueueSnapshot | undefined, selfId: string | undefined) {
  if (!queue || !selfId) return { next: false, asked: false, holding: false };
  const mine = queue.entries.find((e) => e.participantId === selfId);
  const speaking = mine?.kind === 'speak';
  const line = queue.entries.filter((e) => e.participantId !== queue.offer?.participantId);
  return {
    /** First in line (past anyone being asked now): the next "Give floor" or "Next" asks them. */
    next: speaking && line[0] === mine,
    asked: speaking && queue.offer?.participantId === selfId,
    holding: queue.floor?.participantId === selfId && queue.floor.kind === 'speak',
  };
}

/**
 * A speaker's camera and microphone are captured once they are next in line (or asked to take the
 * floor), so that the grant, when the server gives it, only has to publish them. Nothing is sent
 * before the grant: the tracks stay on this page, and the camera is shown to the person as their
 * own preview (returned here), so the camera's light is never on without them seeing why. They
 * are made only on the way to the floor (never again while the person holds it, where a
 * reconnection publishes the way it always has), and stopped once the person is neither next,
 * asked nor holding the floor.
 */
export function usePreparedSpeakerTracks(
  room: Room,
  role: InviteRole,
  choices: MediaChoices,
  queue: QueueSnapshot | undefined,
  selfId: string | undefined,
): LocalTrack | null {
  const step = canPublishOnJoin(role)
    ? { next: false, asked: false, holding: false }
    : speakingStep(queue, selfId);
  const waiting = step.next || step.asked;
  const { holding } = step;
  const [preview, setPreview] = useState<LocalTrack | null>(null);
  useEffect(() => {
    if (!waiting) return;
    let current = true;
    void prepareTracks(room, captureOptions(role, choices)).then((tracks) => {
      if (current) setPreview(tracks.find((t) => t.source === Track.Source.Camera) ?? null);
    });
    return () => {
      current = false;
    };
  }, [room, waiting, role, choices]);
  useEffect(() => {
    if (waiting || holding) return;
    releasePreparedTracks(room);
  }, [room, waiting, holding]);
  useEffect(() => () => releasePreparedTracks(room), [room]);
  // A preview released once (stopped) stays out until the next one is made.
  const live = preview !== null && preview.mediaStreamTrack.readyState === 'live';
  return waiting && live ? preview : null;
}
