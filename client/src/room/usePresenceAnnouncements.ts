import { useEffect, useRef } from 'react';
import type { Participant } from '../../../shared/protocol.js';
import { useSettled } from '../lib/useSettled';
import type { Presence } from './slotView';

// Long enough that a track resubscribing is not read out as a drop and a return.
const SETTLE_MS = 2_000;

/**
 * Announces, once per change, that the person in a stage slot dropped ("ASL interpreter NAME is
 * reconnecting") or came back ("... is back"). Only changes of the same person count; an unknown
 * presence (video on its way) keeps the last known one, so joining late announces nothing.
 */
export function usePresenceAnnouncements(
  roleLabel: string,
  person: Participant | undefined,
  presence: Presence,
  announce: (text: string) => void,
) {
  const id = person?.id ?? null;
  const settled = useSettled(presence, SETTLE_MS, id);
  const known = useRef<{ id: string; presence: Presence } | null>(null);

  useEffect(() => {
    const before = known.current;
    if (!person) return void (known.current = null);
    // A new person in the slot starts from what they are now; only later changes are news.
    if (before?.id !== person.id) return void (known.current = { id: person.id, presence: settled });
    if (settled === 'unknown' || settled === before.presence) return;
    known.current = { id: person.id, presence: settled };
    if (settled === 'away') announce(`${roleLabel} ${person.name} is reconnecting`);
    else if (before.presence === 'away') announce(`${roleLabel} ${person.name} is back`);
  }, [settled, person, roleLabel, announce]);
}

/** Announces who is pinned when the pin moves from one person to another. */
export function usePinAnnouncement(person: Participant | undefined, announce: (text: string) => void) {
  const previousId = useRef<string | null>(null);
  const id = person?.id ?? null;
  const name = person?.name ?? '';
  useEffect(() => {
    const before = previousId.current;
    previousId.current = id;
    if (before && id && before !== id) announce(`${name} is now the ASL interpreter`);
  }, [id, name, announce]);
}
