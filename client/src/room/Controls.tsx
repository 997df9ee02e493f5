import { Track, type Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { canPublishOnJoin } from '../../../shared/roles.js';
import type { StageLayout } from './useStageLayout';

interface ControlsProps {
  room: Room;
  self: Participant;
  state: RoomState;
  mediaReady: boolean;
  layout: StageLayout;
  onToggleLayout: (key: keyof StageLayout) => void;
  onTakeOver: () => void;
  onSetActive: (participantId: string) => void;
  onLeave: () => void;
}

const LAYOUT_TOGGLES: [keyof StageLayout, string][] = [
  ['swapped', 'Swap sides'],
  ['enlarged', 'Enlarge interpreter'],
];

function MediaToggles({ room }: { room: Room }) {
  const local = room.localParticipant;
  const micOn = local.isMicrophoneEnabled;
  const camOn = local.isCameraEnabled;
  return (
    <>
      <button type="button" className="button" onClick={() => void local.setMicrophoneEnabled(!micOn)}>
        {micOn ? 'Mute microphone' : 'Unmute microphone'}
      </button>
      <button type="button" className="button" onClick={() => void local.setCameraEnabled(!camOn)}>
        {camOn ? 'Turn camera off' : 'Turn camera on'}
      </button>
    </>
  );
}

/** Media, stage and role controls. Every act is a button: keyboard operable, named by what it does. */
export function Controls(props: ControlsProps) {
  const { self, state, layout } = props;
  const interpreters = state.participants.filter(
    (p) => p.role === 'interpreter' && p.online && p.id !== state.activeInterpreterId,
  );
  const publishes = canPublishOnJoin(self.role) && props.mediaReady;
  const hasCamera = props.room.localParticipant.getTrackPublication(Track.Source.Camera) !== undefined;
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
      {self.role === 'interpreter' && state.activeInterpreterId !== self.id && (
        <button type="button" className="button primary" onClick={props.onTakeOver}>
          Take over
        </button>
      )}
      {self.role === 'moderator' &&
        interpreters.map((p) => (
          <button key={p.id} type="button" className="button" onClick={() => props.onSetActive(p.id)}>
            Make {p.name} the active interpreter
          </button>
        ))}
      <div role="group" aria-label="Media controls" className="control-group">
        {publishes && hasCamera && <MediaToggles room={props.room} />}
        <button type="button" className="button danger" onClick={props.onLeave}>
          Leave
        </button>
      </div>
    </div>
  );
}
