import type { Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { MediaToggles } from './MediaToggles';
import type { StageLayout } from './useStageLayout';

interface ControlsProps {
  room: Room;
  self: Participant;
  state: RoomState;
  layout: StageLayout;
  onToggleLayout: (key: keyof StageLayout) => void;
  onTakeOver: () => void;
  onSetActive: (participantId: string) => void;
  onError: (message: string) => void;
  onLeave: () => void;
}

const LAYOUT_TOGGLES: [keyof StageLayout, string][] = [
  ['swapped', 'Swap sides'],
  ['enlarged', 'Enlarge interpreter'],
];

function InterpreterActs({ self, state, onTakeOver, onSetActive }: ControlsProps) {
  const standbys = state.participants.filter(
    (p) => p.role === 'interpreter' && p.online && p.id !== state.activeInterpreterId,
  );
  if (self.role === 'interpreter' && state.activeInterpreterId !== self.id) {
    return (
      <button type="button" className="button primary" onClick={onTakeOver}>
        Take over
      </button>
    );
  }
  if (self.role !== 'moderator' || standbys.length === 0) return null;
  return (
    <div role="group" aria-label="Interpreters" className="control-group">
      {standbys.map((p) => (
        <button key={p.id} type="button" className="button" onClick={() => onSetActive(p.id)}>
          Make {p.name} the active interpreter
        </button>
      ))}
    </div>
  );
}

/** Stage, role and media controls. Every act is a button: keyboard operable, named by what it does. */
export function Controls(props: ControlsProps) {
  const { room, layout } = props;
  return (
    <div className="controls">
      <div role="group" aria-label="Stage view" className="control-group">
        {LAYOUT_TOGGLES.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className="button"
            aria-pressed={layout[key]}
            onClick={() => props.onToggleLayout(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <InterpreterActs {...props} />
      <div role="group" aria-label="Media controls" className="control-group">
        <MediaToggles room={room} onError={props.onError} />
        {!room.canPlaybackAudio && (
          // The browser blocked sound (no user gesture it accepts yet): one press lets it play.
          <button
            type="button"
            className="button primary"
            onClick={() => void room.startAudio().catch(() => undefined)}
          >
            Start audio
          </button>
        )}
        <button type="button" className="button danger" onClick={props.onLeave}>
          Leave
        </button>
      </div>
    </div>
  );
}
