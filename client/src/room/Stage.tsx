import { VideoQuality, type Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { ROLE_LABEL } from '../../../shared/roles.js';
import { cameraTrackOf } from './useLiveKit';
import { Tile } from './Tile';
import type { StageLayout } from './useStageLayout';

function tileStatus(person: Participant | undefined, hasVideo: boolean): string | null {
  if (!person) return null;
  if (!person.online) return 'Reconnecting…';
  return hasVideo ? null : 'Video connecting…';
}

/**
 * The stage: the floor holder and the pinned interpreter side by side. The two slots are fixed
 * elements; when the pin moves only their contents change, so nothing on the stage jumps.
 */
interface StageProps {
  state: RoomState;
  room: Room;
  layout: StageLayout;
  /** A written remark given the floor is shown in the floor's place, attributed to its author. */
  remark: { name: string; text: string } | null;
}

export function Stage({ state, room, layout, remark }: StageProps) {
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  const floor = state.floorHolderId ? byId.get(state.floorHolderId) : undefined;
  const interpreter = state.activeInterpreterId ? byId.get(state.activeInterpreterId) : undefined;
  const floorVideo = floor && cameraTrackOf(room, floor.id);
  const interpreterVideo = interpreter && cameraTrackOf(room, interpreter.id);
  const classes = ['stage', layout.swapped ? 'swapped' : '', layout.enlarged ? 'enlarged' : ''].join(' ');

  return (
    <section className={classes} aria-label="Stage">
      {remark ? (
        <figure className="tile slot-floor remark" aria-label={`Written remark: ${remark.name}`}>
          <blockquote>
            <p>{remark.text}</p>
          </blockquote>
          <figcaption className="tile-name">Written remark from {remark.name}</figcaption>
        </figure>
      ) : (
        <Tile
          className="slot-floor"
          label={
            floor
              ? `${ROLE_LABEL[floor.role === 'moderator' ? 'moderator' : 'speaker']}: ${floor.name}`
              : 'Waiting for the moderator'
          }
          publication={floorVideo}
          quality={VideoQuality.HIGH}
          status={floor ? tileStatus(floor, Boolean(floorVideo?.track)) : 'Waiting for the moderator'}
          participantId={floor?.id ?? null}
        />
      )}
      <Tile
        className="slot-interpreter"
        label={
          interpreter ? `${ROLE_LABEL.interpreter}: ${interpreter.name}` : 'Waiting for the ASL interpreter'
        }
        publication={interpreterVideo}
        quality={VideoQuality.HIGH}
        status={
          interpreter
            ? tileStatus(interpreter, Boolean(interpreterVideo?.track))
            : 'Waiting for the ASL interpreter'
        }
        participantId={interpreter?.id ?? null}
      />
    </section>
  );
}
