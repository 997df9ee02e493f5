import type { QueueEntry } from '../../../shared/queue.js';
import { SignsToggle } from '../sign/SignsToggle';
import { ordinal } from './useQueue';

interface QueuePanelProps {
  entries: QueueEntry[];
  /** Who in the queue is not connected now (the server says, Q15). */
  absent: string[];
  /** Who is being asked to start speaking. */
  offerTo: string | null;
  selfId: string;
  isModerator: boolean;
  onGive: (participantId: string) => void;
  onMove: (participantId: string, direction: 'up' | 'down') => void;
  onRemove: (participantId: string) => void;
  onNext: () => void;
  onLowerAll: () => void;
  onMarkSigning: (participantId: string, signs: boolean) => void;
}

/** The queue in order. Everyone sees it; moderators get the acts, each a named button. */
export function QueuePanel(props: QueuePanelProps) {
  const { entries, selfId, isModerator } = props;
  const position = entries.findIndex((e) => e.participantId === selfId);
  return (
    <section className="queue" aria-labelledby="queue-heading">
      <h3 id="queue-heading">Speaker queue</h3>
      <p className="queue-position" aria-live="polite">
        {position >= 0 ? `You are ${ordinal(position + 1)} in the queue` : ''}
      </p>
      {isModerator && (
        <div className="control-group">
          <button
            type="button"
            className="button primary"
            onClick={props.onNext}
            disabled={entries.length === 0}
            aria-keyshortcuts="Alt+N"
          >
            Next speaker
          </button>
          <button type="button" className="button" onClick={props.onLowerAll} disabled={entries.length === 0}>
            Lower all hands
          </button>
        </div>
      )}
      {entries.length === 0 ? (
        <p>No hands raised.</p>
      ) : (
        <ol>
          {entries.map((e, i) => {
            const name = e.name;
            return (
              <li key={e.participantId}>
                <span className="entry">
                  <strong>{name}</strong>
                  {e.kind === 'remark' ? ' (written remark)' : ''}
                  {e.signs && e.kind === 'speak' ? ' (signs, ASL)' : ''}
                  {e.topic ? `: ${e.topic}` : ''}
                  {props.absent.includes(e.participantId) && <span className="absent"> (not here)</span>}
                  {props.offerTo === e.participantId && <span> (being asked)</span>}
                </span>
                {isModerator && (
                  <span className="control-group">
                    <button type="button" className="button" onClick={() => props.onGive(e.participantId)}>
                      Give floor to {name}
                    </button>
                    {/* aria-disabled, not disabled: a moved entry's button keeps keyboard focus. */}
                    <button
                      type="button"
                      className="button"
                      aria-disabled={i === 0}
                      onClick={() => i > 0 && props.onMove(e.participantId, 'up')}
                    >
                      Move {name} up
                    </button>
                    <button
                      type="button"
                      className="button"
                      aria-disabled={i === entries.length - 1}
                      onClick={() => i < entries.length - 1 && props.onMove(e.participantId, 'down')}
                    >
                      Move {name} down
                    </button>
                    <button type="button" className="button" onClick={() => props.onRemove(e.participantId)}>
                      Remove {name}
                    </button>
                    {e.kind === 'speak' && (
                      <SignsToggle {...e} signs={Boolean(e.signs)} onMark={props.onMarkSigning} />
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
