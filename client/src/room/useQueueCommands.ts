import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HandKind, QueueSettings } from '../../../shared/queue.js';
import { ask, type RoomSocket } from '../lib/socket';

/** Awaits a command; a refusal is shown in the room's alert region. Resolves with success. */
export type RunCommand = (result: Promise<{ ok: boolean; message?: string }>) => Promise<boolean>;

export interface QueueCommands {
  raise: (hand: { kind: HandKind; topic: string; remark?: string }) => void;
  lower: () => void;
  next: () => void;
  /** Who the last "Next" passed over because they were not in the room (Q15). */
  skipped: string[];
  accept: () => void;
  decline: () => void;
  give: (participantId: string) => void;
  move: (participantId: string, direction: 'up' | 'down') => void;
  remove: (participantId: string) => void;
  lowerAll: () => void;
  end: () => void;
  pause: () => void;
  resume: () => void;
  extend: (ms: number) => void;
  configure: (settings: QueueSettings) => Promise<boolean>;
  /** Moderators: whether a person signs (ASL), policy A40. */
  markSigning: (participantId: string, signs: boolean) => void;
}

/** The queue's and the floor's commands, each sent to the server; Alt+N is "Next" for moderators. */
export function useQueueCommands(
  socket: RoomSocket,
  run: RunCommand,
  isModerator: boolean,
  announce: (text: string) => void,
): QueueCommands {
  const [skipped, setSkipped] = useState<string[]>([]);
  const raise = useCallback(
    (hand: { kind: HandKind; topic: string; remark?: string }) =>
      void run(ask(socket, 'queue:raise-hand', hand)),
    [run, socket],
  );
  const lower = useCallback(() => void run(ask(socket, 'queue:lower-hand', {})), [run, socket]);
  const next = useCallback(() => {
    const answer = ask(socket, 'floor:next', {});
    void run(answer);
    void answer.then((a) => {
      const names = a.ok ? (a.skipped ?? []) : [];
      setSkipped(names);
      if (names.length > 0) announce(`Skipped ${names.join(', ')}: not in the room.`);
    });
  }, [run, socket, announce]);

  useEffect(() => {
    if (!isModerator) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyN') {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isModerator, next]);

  return useMemo(
    () => ({
      raise,
      lower,
      next,
      skipped,
      accept: () => void run(ask(socket, 'floor:accept', {})),
      decline: () => void run(ask(socket, 'floor:decline', {})),
      give: (participantId) => void run(ask(socket, 'floor:give', { participantId })),
      move: (participantId, direction) => void run(ask(socket, 'queue:move', { participantId, direction })),
      remove: (participantId) => void run(ask(socket, 'queue:lower-hand', { participantId })),
      lowerAll: () => void run(ask(socket, 'queue:lower-all', {})),
      end: () => void run(ask(socket, 'floor:end', {})),
      pause: () => void run(ask(socket, 'timer:pause', {})),
      resume: () => void run(ask(socket, 'timer:resume', {})),
      extend: (ms) => void run(ask(socket, 'timer:extend', { ms })),
      configure: (settings) => run(ask(socket, 'queue:configure', settings)),
      markSigning: (participantId, signs) =>
        void run(ask(socket, 'speaker:mark-signing', { participantId, signs })),
    }),
    [raise, lower, next, skipped, run, socket],
  );
}
