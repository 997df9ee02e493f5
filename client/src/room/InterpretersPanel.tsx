import { VideoQuality, type Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { ROLE_LABEL } from '../../../shared/roles.js';
import { slotView } from './slotView';
import { useState } from 'react';
import { useFocusWhenGone } from '../lib/useFocusWhenGone';
import { languageName } from '../sign/channels';
import { InterpreterFeed } from '../sign/InterpreterFeed';
import { isStandbyInterpreter } from './standby';
import { Tile } from './Tile';
import type { MediaStatus } from './useMediaConnection';

interface InterpretersPanelProps {
  state: RoomState;
  self: Participant;
  room: Room;
  media: MediaStatus;
  videoSeen: ReadonlySet<string>;
  onTakeOver: () => void;
  onSetActive: (participantId: string) => void;
  announce: (text: string) => void;
}

/**
 * The interpreting team, for interpreters and moderators: who is on the stage, who is on standby
 * (with their video, which only the team receives), and the hand-off: "Take over" for a standby
 * interpreter, "Make NAME the active interpreter" for a moderator.
 */
export function InterpretersPanel(props: InterpretersPanelProps) {
  const { state, self, room, media, videoSeen } = props;
  const active = state.participants.find((p) => p.id === state.activeInterpreterId);
  const standbys = state.participants.filter((p) => isStandbyInterpreter(p, state) && p.online);
  const selfStandby = isStandbyInterpreter(self, state);
  const [feedId, setFeedId] = useState<string | null>(null);
  const [statusRef, markPressed] = useFocusWhenGone<HTMLParagraphElement>(selfStandby);
  return (
    <div className="interpreters">
      {/* Where focus goes once "Take over" has worked and the button is gone: "You are ... on the stage". */}
      <p ref={statusRef} tabIndex={-1}>
        {active
          ? `${active.id === self.id ? 'You are' : `${active.name} is`} the ASL interpreter on the stage.`
          : 'No ASL interpreter is on the stage yet.'}
      </p>
      {self.channel && (
        <p>
          You interpret the floor into {languageName(self.channel)}: listeners who choose it hear you, with
          the floor lowered.
        </p>
      )}
      {self.role === 'interpreter' && !self.channel && (
        <InterpreterFeed {...props} feedId={feedId} onChoose={setFeedId} />
      )}
      {selfStandby && (
        <button
          type="button"
          className="button primary"
          onClick={() => {
            markPressed();
            props.onTakeOver();
          }}
        >
          Take over
        </button>
      )}
      <h3>On standby</h3>
      {standbys.length === 0 ? (
        <p>Nobody is on standby.</p>
      ) : (
        <ul className="team">
          {standbys.map((p) => {
            const view = slotView(room, p, media, videoSeen);
            const you = p.id === self.id ? ' (you)' : '';
            return (
              <li key={p.id}>
                <Tile
                  className="small"
                  label={`${ROLE_LABEL.interpreter}: ${p.name}${you}`}
                  publication={view.camera.publication}
                  // One layer per track for the whole page: the feed's, when this is the feed.
                  quality={p.id === feedId ? VideoQuality.HIGH : VideoQuality.LOW}
                  status={view.status}
                  participantId={p.id}
                  room={room}
                />
                {self.role === 'moderator' && (
                  <button type="button" className="button" onClick={() => props.onSetActive(p.id)}>
                    Make {p.name} the active interpreter
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
