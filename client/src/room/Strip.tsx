import { VideoQuality, type Room } from 'livekit-client';
import type { RoomState } from '../../../shared/protocol.js';
import { canPublishOnJoin, type InviteRole } from '../../../shared/roles.js';
import { roleLabelOf } from '../sign/channels';
import { slotView } from './slotView';
import { shownParticipants } from './standby';
import { Tile } from './Tile';
import type { MediaStatus } from './useMediaConnection';

interface StripProps {
  state: RoomState;
  room: Room;
  media: MediaStatus;
  videoSeen: ReadonlySet<string>;
  selfId: string;
  /** The viewer's role: the public is not shown a standby interpreter. */
  viewer: InviteRole;
}

function audienceLine(count: number, selfIsAudience: boolean): string {
  const people = count === 1 ? '1 person' : `${count} people`;
  return `${people} from the public${selfIsAudience ? ', including you' : ''}.`;
}

/**
 * Everyone not on the stage, for the side panel: small low-quality tiles for people on camera, name
 * and role for the rest.
 */
export function Strip({ state, room, media, videoSeen, selfId, viewer }: StripProps) {
  const selfIsAudience = !state.participants.some((p) => p.id === selfId);
  const onStage = new Set([state.floorHolderId, state.activeInterpreterId]);
  const others = shownParticipants(state, viewer).filter((p) => !onStage.has(p.id) && p.online);
  return (
    <div className="strip">
      <p>{audienceLine(state.audienceOnline, selfIsAudience)}</p>
      {others.length > 0 && (
        <ul>
          {others.map((p) => {
            const label = `${roleLabelOf(p)}: ${p.name}${p.id === selfId ? ' (you)' : ''}`;
            if (!canPublishOnJoin(p.role)) {
              return (
                <li key={p.id}>
                  <span className="person">{label}</span>
                </li>
              );
            }
            const view = slotView(room, p, media, videoSeen);
            return (
              <li key={p.id}>
                <Tile
                  className="small"
                  label={label}
                  publication={view.camera.publication}
                  quality={VideoQuality.LOW}
                  status={view.status}
                  participantId={p.id}
                  room={room}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
