import type { LocalTrack } from 'livekit-client';
import type { ReactNode } from 'react';
import type { Participant } from '../../../shared/protocol.js';
import { isAudience } from '../../../shared/roles.js';
import { FloorBar } from './FloorBar';
import { OfferStatus } from './FloorOffer';
import { HandControl, type Hand } from './HandControl';
import { QueuePanel } from './QueuePanel';
import { QueueSettingsForm } from './QueueSettingsForm';
import type { QueueCommands } from './useQueueCommands';
import { useRemainingMs, type QueueView } from './useQueue';

interface QueueAreaProps {
  view: QueueView;
  self: Participant;
  commands: QueueCommands;
  /** One's own hand (the public): its form goes here, its button in the control bar. */
  hand: Hand;
  /** One's own camera, ready while next in line (see usePreparedSpeakerTracks). */
  preview: LocalTrack | null;
  announce: (text: string) => void;
  /** The moderator's session controls, above the floor. */
  session?: ReactNode;
}

/** The side panel's queue: the floor and the timer, one's own hand, the queue, the turn rules. */
export function QueueArea({ view, self, commands, hand, preview, announce, session }: QueueAreaProps) {
  const { queue } = view;
  const remainingMs = useRemainingMs(view);
  const isModerator = self.role === 'moderator';
  return (
    <div className="queue-area">
      {session}
      {queue.offer && (
        <OfferStatus
          offer={queue.offer}
          clockOffsetMs={view.clockOffsetMs}
          serverNow={queue.serverNow}
          skipped={isModerator ? commands.skipped : []}
          onWithdraw={isModerator ? commands.end : null}
        />
      )}
      <FloorBar
        floor={queue.floor}
        holderName={queue.floor?.name ?? ''}
        remainingMs={remainingMs}
        isModerator={isModerator}
        announce={announce}
        onEnd={commands.end}
        onPause={commands.pause}
        onResume={commands.resume}
        onExtend={commands.extend}
        onMarkSigning={commands.markSigning}
      />
      {isAudience(self.role) && queue.floor?.participantId !== self.id && (
        <HandControl hand={hand} preview={preview} />
      )}
      <QueuePanel
        entries={queue.entries}
        absent={queue.absent}
        offerTo={queue.offer?.participantId ?? null}
        selfId={self.id}
        isModerator={isModerator}
        onGive={commands.give}
        onMove={commands.move}
        onRemove={commands.remove}
        onNext={commands.next}
        onLowerAll={commands.lowerAll}
        onMarkSigning={commands.markSigning}
      />
      {isModerator && (
        <QueueSettingsForm
          settings={queue.settings}
          onSave={(settings) =>
            void commands.configure(settings).then((ok) => ok && announce('Turn settings saved'))
          }
        />
      )}
    </div>
  );
}
