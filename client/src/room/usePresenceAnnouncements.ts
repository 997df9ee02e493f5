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
  const settled = useSettled(person ? `${person.id} ${presence}` : '', SETTLE_MS);
  const known = useRef<{ id: string; presence: Presence } | null>(null);

  useEffect(() => {
    const [id = '', now = 'unknown'] = settled.split(' ') as [string?, Presence?];
    const before = known.current;
    if (!id) return void (known.current = null);
    if (before?.id !== id) return void (known.current = { id, presence: now });
    if (now === 'unknown' || now === before.presence || person?.id !== id) return;
    known.current = { id, presence: now };
    if (now === 'away') announce(`${roleLabel} ${person.name} is reconnecting`);
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
