import { useEffect, useRef } from 'react';
import type { QueueState } from '../../../shared/queue.js';
import { ordinal } from './useQueue';

/** Where someone stands in the queue, in words: "2nd of 5". Null when their hand is down. */
export function queuePlace(queue: QueueState, participantId: string): string | null {
  const i = queue.entries.findIndex((e) => e.participantId === participantId);
  return i < 0 ? null : `${ordinal(i + 1)} of ${queue.entries.length}`;
}

/**
 * What the queue's changes mean to this person, announced once each: to the moderator, a question
 * put to a speaker and how it ended (Q16, Q17); to the one asked, a question withdrawn; to someone
 * queued before they came in (a registrant queued at go-live), that they are in the queue and where.
 */
export function useQueueNotices(
  queue: QueueState | undefined,
  self: { id: string; role: string },
  announce: (text: string) => void,
) {
  const seen = useRef<{ offerTo: string | null; outcomeAt: number | null } | null>(null);
  useEffect(() => {
    if (!queue) return;
    const offerTo = queue.offer?.participantId ?? null;
    const outcome = queue.lastOutcome;
    const before = seen.current;
    seen.current = { offerTo, outcomeAt: outcome?.at ?? null };
    if (!before) {
      // The first state this page sees: say where they stand if they are queued already.
      const place = queuePlace(queue, self.id);
      if (place && offerTo !== self.id)
        announce(`You are in the queue to speak: ${place}. You can lower your hand to step out.`);
      return;
    }
    const moderator = self.role === 'moderator';
    if (moderator && offerTo && offerTo !== before.offerTo)
      announce(`Asking ${queue.offer?.name ?? ''} to start speaking`);
    if (outcome && outcome.at !== before.outcomeAt) {
      if (moderator)
        announce(
          outcome.outcome === 'declined'
            ? `${outcome.name} said not now; their hand is lowered`
            : `${outcome.name} did not answer; they keep their place in the queue`,
        );
      else if (outcome.participantId === self.id && outcome.outcome === 'no-answer')
        announce('You did not answer in time. Your hand is still raised; the moderator will decide.');
    } else if (before.offerTo === self.id && !offerTo && queue.floor?.participantId !== self.id) {
      announce('The moderator took back the question.');
    }
  }, [queue, self.id, self.role, announce]);
}
