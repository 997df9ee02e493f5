import { VideoQuality, type Room } from 'livekit-client';
import type { RoomState } from '../../../shared/protocol.js';
import { canPublishOnJoin, ROLE_LABEL } from '../../../shared/roles.js';
import { cameraTrackOf } from './useLiveKit';
import { Tile } from './Tile';

/** Everyone not on the stage: small tiles for people with cameras, names for the rest. */
export function Strip({ state, room, selfId }: { state: RoomState; room: Room; selfId: string }) {
  const selfIsAudience = !state.participants.some((p) => p.id === selfId);
  const onStage = new Set([state.floorHolderId, state.activeInterpreterId]);
  const others = state.participants.filter((p) => !onStage.has(p.id) && p.online);
  return (
    <section className="strip" aria-labelledby="strip-heading">
      <h2 id="strip-heading">Also in the room</h2>
      <p>
        {state.audienceOnline === 1 ? '1 person' : `${state.audienceOnline} people`} from the public
        {selfIsAudience ? ', including you' : ''}.
      </p>
      <ul>
        {others.map((p) => {
          const label = `${ROLE_LABEL[p.role]}: ${p.name}${p.id === selfId ? ' (you)' : ''}`;
          const video = cameraTrackOf(room, p.id);
          return (
            <li key={p.id}>
              {canPublishOnJoin(p.role) ? (
                <Tile
                  className="small"
                  label={label}
                  publication={video}
                  quality={VideoQuality.LOW}
                  status={video?.track ? null : 'Camera off'}
                  participantId={p.id}
                />
              ) : (
                <span className="person">{label}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
