import { useCallback, useEffect } from 'react';
import type { Participant } from '../../../shared/protocol.js';
import type { HandKind } from '../../../shared/queue.js';
import { ask, type RoomSocket } from '../lib/socket';
import { FloorBar } from './FloorBar';
import { HandControl } from './HandControl';
import { QueuePanel } from './QueuePanel';
import { QueueSettingsForm } from './QueueSettingsForm';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useRemainingMs, type QueueView } from './useQueue';

interface QueueAreaProps {
  socket: RoomSocket;
  view: QueueView;
  self: Participant;
  /** Awaits a command; a refusal is shown in the room's alert region. Resolves with success. */
  run: (result: Promise<{ ok: boolean; message?: string }>) => Promise<boolean>;
  announce: (text: string) => void;
}

const RAISERS = new Set(['speaker', 'attendee']);

/** The floor, the timer, one's own hand and the queue, wired to the server's commands. */
export function QueueArea({ socket, view, self, run, announce }: QueueAreaProps) {
  const { queue } = view;
  const remainingMs = useRemainingMs(view);
  const isModerator = self.role === 'moderator';
  const raise = useCallback(
    (hand: { kind: HandKind; topic: string; remark?: string }) =>
      void run(ask(socket, 'queue:raise-hand', hand)),
    [run, socket],
  );
  const lower = useCallback(() => void run(ask(socket, 'queue:lower-hand', {})), [run, socket]);
  const next = useCallback(() => void run(ask(socket, 'floor:next', {})), [run, socket]);

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

  const holder = queue.floor?.name ?? '';
  const raised = queue.entries.some((e) => e.participantId === self.id);
  return (
    <div className="queue-area">
      <FloorBar
        floor={queue.floor}
        holderName={holder}
        remainingMs={remainingMs}
        isModerator={isModerator}
        announce={announce}
        onEnd={() => void run(ask(socket, 'floor:end', {}))}
        onPause={() => void run(ask(socket, 'timer:pause', {}))}
        onResume={() => void run(ask(socket, 'timer:resume', {}))}
        onExtend={(ms) => void run(ask(socket, 'timer:extend', { ms }))}
      />
      {RAISERS.has(self.role) && queue.floor?.participantId !== self.id && (
        <HandControl raised={raised} onRaise={raise} onLower={lower} />
      )}
      <QueuePanel
        entries={queue.entries}
        selfId={self.id}
        isModerator={isModerator}
        onGive={(participantId) => void run(ask(socket, 'floor:give', { participantId }))}
        onMove={(participantId, direction) =>
          void run(ask(socket, 'queue:move', { participantId, direction }))
        }
        onRemove={(participantId) => void run(ask(socket, 'queue:lower-hand', { participantId }))}
        onNext={next}
        onLowerAll={() => void run(ask(socket, 'queue:lower-all', {}))}
      />
      {isModerator && (
        <QueueSettingsForm
          settings={queue.settings}
          onSave={(settings) =>
            void run(ask(socket, 'queue:configure', settings)).then(
              (ok) => ok && announce('Turn settings saved'),
            )
          }
        />
      )}
      <ShortcutsHelp isModerator={isModerator} />
    </div>
  );
}
