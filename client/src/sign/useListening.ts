import { RoomEvent, type RemoteAudioTrack, type Room } from 'livekit-client';
import { useCallback, useEffect } from 'react';
import { z } from 'zod';
import { langSchema } from '../../../shared/captions.js';
import type { RoomState } from '../../../shared/protocol.js';
import { usePersistentState } from '../lib/usePersistentState';
import { channelsOf, languageName } from './channels';

/** What a listener hears: "floor", or a spoken-language channel by its language tag ("es"). */
export const FLOOR = 'floor';
const listeningSchema = z.union([z.literal(FLOOR), langSchema]);

/**
 * How loud the floor stays under a chosen channel: low enough for the interpreter to be
 * understood, loud enough to hear who is speaking and how, as the interpretation channels of
 * Zoom, Webex and Teams keep the original underneath.
 */
export const FLOOR_UNDER_CHANNEL_VOLUME = 0.2;

// Events after which what is received may have changed: every audio track is set again.
const EVENTS = [RoomEvent.TrackPublished, RoomEvent.TrackSubscribed, RoomEvent.ParticipantConnected] as const;

/**
 * Receives what the listener chose: the floor at full volume, or a language's interpreters with
 * the floor lowered beneath them. The channels not chosen are not received at all (unsubscribed,
 * and silent while LiveKit gets round to it). Channels are the spoken-language interpreters the
 * room state lists (policy A42).
 */
function hear(room: Room, channelOf: ReadonlyMap<string, string>, heard: string) {
  for (const participant of room.remoteParticipants.values()) {
    const channel = channelOf.get(participant.identity);
    for (const publication of participant.audioTrackPublications.values()) {
      const track = publication.track as RemoteAudioTrack | undefined;
      if (channel === undefined) {
        track?.setVolume(heard === FLOOR ? 1 : FLOOR_UNDER_CHANNEL_VOLUME);
      } else if (channel === heard) {
        if (!publication.isSubscribed) publication.setSubscribed(true);
        track?.setVolume(1);
      } else {
        track?.setVolume(0);
        if (publication.isSubscribed) publication.setSubscribed(false);
      }
    }
  }
}

/** The listener's choice of the floor or a language channel, kept in the browser and carried out. */
export function useListening(room: Room, state: RoomState, announce: (text: string) => void) {
  const [chosen, setChosen] = usePersistentState('openfloor.listening', listeningSchema, FLOOR);
  const channels = channelsOf(state);
  // A language whose interpreters have all gone is the floor until one comes back.
  const heard = channels.has(chosen) ? chosen : FLOOR;
  const interpreters = state.participants.filter((p) => p.role === 'interpreter' && p.channel);
  const key = JSON.stringify(interpreters.map((p) => [p.id, p.channel]));

  useEffect(() => {
    const channelOf = new Map((JSON.parse(key) as [string, string][]).map(([id, lang]) => [id, lang]));
    const apply = () => hear(room, channelOf, heard);
    apply();
    EVENTS.forEach((e) => room.on(e, apply));
    return () => EVENTS.forEach((e) => room.off(e, apply));
  }, [room, key, heard]);

  const choose = useCallback(
    (next: string) => {
      setChosen(next);
      announce(
        next === FLOOR ? 'Listening to the floor' : `Listening to ${languageName(next)}, the floor lowered`,
      );
    },
    [setChosen, announce],
  );
  return { heard, languages: [...channels.keys()], choose };
}
