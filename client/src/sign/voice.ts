import { useEffect, useRef } from 'react';
import type { Participant, RoomState } from '../../../shared/protocol.js';

/** Who holds the floor and who voices them, while the interpreter voices a signing speaker (Q18). */
export interface Voicing {
  speaker: Participant;
  voice: Participant;
}

/** The voicing the room state says is under way, if any. */
export function voicingOf(state: RoomState): Voicing | null {
  if (!state.voicedById || !state.floorHolderId) return null;
  const speaker = state.participants.find((p) => p.id === state.floorHolderId);
  const voice = state.participants.find((p) => p.id === state.voicedById);
  return speaker && voice ? { speaker, voice } : null;
}

/** The floor holder's name as the captions console and the stage say it: "Dee (voiced by Ana)". */
export function floorName(state: RoomState): string | null {
  const voicing = voicingOf(state);
  if (voicing) return `${voicing.speaker.name} (voiced by ${voicing.voice.name})`;
  return state.participants.find((p) => p.id === state.floorHolderId)?.name ?? null;
}

/**
 * Says aloud when the interpreter starts voicing a signing speaker, hands the voice to a teammate,
 * or stops while the speaker keeps the floor: the floor's voice changes, and a listener should know
 * whose words they hear. The end of the turn is the floor's own news, not repeated here.
 */
export function useVoicingAnnouncement(
  voicing: Voicing | null,
  floorHolderId: string | null,
  announce: (text: string) => void,
) {
  const key = voicing ? `${voicing.speaker.id} ${voicing.voice.id}` : '';
  const speaker = voicing?.speaker ?? null;
  const before = useRef({ key, speakerId: speaker?.id ?? '', speakerName: speaker?.name ?? '' });
  const voiceName = voicing?.voice.name ?? '';
  useEffect(() => {
    const last = before.current;
    before.current = { key, speakerId: speaker?.id ?? '', speakerName: speaker?.name ?? '' };
    if (last.key === key) return;
    if (speaker) announce(`${speaker.name} signs; ${voiceName} voices them`);
    else if (last.speakerId && last.speakerId === floorHolderId)
      announce(`${last.speakerName} is no longer voiced by the interpreter`);
  }, [key, speaker, voiceName, floorHolderId, announce]);
}
