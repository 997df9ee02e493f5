import { useEffect, useState } from 'react';
import type { QueueSnapshot } from '../../../shared/queue.js';
import { newer } from '../lib/revision';
import type { RoomSocket } from '../lib/socket';
import { useCountdown } from './useCountdown';

export interface QueueView {
  queue: QueueSnapshot;
  /** Server clock minus this browser's clock, so every countdown agrees with the server. */
  clockOffsetMs: number;
}

/** The speaker queue as the server last sent it. */
export function useQueue(socket: RoomSocket, initial: QueueView | null): QueueView | null {
  const [view, setView] = useState<QueueView | null>(null);
  const [seenInitial, setSeenInitial] = useState<QueueView | null>(null);
  if (initial && initial !== seenInitial) {
    // A (re)join brings a snapshot; a broadcast that overtook it may be newer still.
    setSeenInitial(initial);
    setView((v) => {
      if (v && newer(v.queue, initial.queue) === v.queue) return v;
      return v ? { ...initial, clockOffsetMs: Math.max(v.clockOffsetMs, initial.clockOffsetMs) } : initial;
    });
  }
  useEffect(() => {
    const onQueue = (queue: QueueSnapshot) =>
      setView((v) => {
        if (v && newer(v.queue, queue) === v.queue) return v;
        // serverNow minus the time of arrival is the clock offset less the message's delay: the
        // largest seen is the best estimate, so one late message does not add seconds to a turn.
        const seen = queue.serverNow - Date.now();
        return { queue, clockOffsetMs: v ? Math.max(v.clockOffsetMs, seen) : seen };
      });
    socket.on('queue:state', onQueue);
    return () => {
      socket.off('queue:state', onQueue);
    };
  }, [socket]);
  return view;
}

/** Milliseconds left in the turn, ticking every quarter second while the timer runs. */
export function useRemainingMs(view: QueueView | null): number | null {
  const floor = view?.queue.floor;
  const running = useCountdown(floor?.deadline ?? null, view?.clockOffsetMs ?? 0, view?.queue.serverNow ?? 0);
  if (!floor) return null;
  return floor.pausedRemainingMs ?? running ?? 0;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
