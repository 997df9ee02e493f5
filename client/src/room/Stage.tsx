import { VideoQuality, type Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { ROLE_LABEL } from '../../../shared/roles.js';
import { slotView } from './slotView';
import { useVoicingAnnouncement, voicingOf } from '../sign/voice';
import { InterpreterFrame } from './InterpreterFrame';
import { Tile } from './Tile';
import type { MediaStatus } from './useMediaConnection';
import { usePinAnnouncement, usePresenceAnnouncements } from './usePresenceAnnouncements';
import type { StageLayout } from './useStageLayout';
import './stage.css';

const WAITING_FOR_INTERPRETER = 'Waiting for the ASL interpreter';
const WAITING_FOR_MODERATOR = 'Waiting for the moderator';

interface StageProps {
  state: RoomState;
  room: Room;
  media: MediaStatus;
  videoSeen: ReadonlySet<string>;
  layout: StageLayout;
  /** A written remark given the floor is shown in the floor's place, attributed to its author. */
  remark: { name: string; text: string } | null;
  announce: (text: string) => void;
}

/** Whoever holds the floor is a speaker, unless it is the moderator holding it between turns. */
function floorRole(person: Participant): 'moderator' | 'speaker' {
  return person.role === 'moderator' ? 'moderator' : 'speaker';
}

function StageSlot(props: {
  /** The grid area the tile fills itself, or none when a frame around it does. */
  className: string;
  person: Participant | undefined;
  roleLabel: string;
  waiting: string;
  emptyCaption: string;
  /** Said after the name in the visible caption: "voiced by Ana Ruiz" (queue rule Q18). */
  note?: string;
  room: Room;
  media: MediaStatus;
  videoSeen: ReadonlySet<string>;
  announce: (text: string) => void;
}) {
  const { person, roleLabel, note } = props;
  const view = person ? slotView(props.room, person, props.media, props.videoSeen) : null;
  usePresenceAnnouncements(roleLabel, person, view?.presence ?? 'unknown', props.announce);
  return (
    <Tile
      className={props.className}
      label={person ? `${roleLabel}: ${person.name}` : props.waiting}
      caption={person ? note && `${roleLabel}: ${person.name}, ${note}` : props.emptyCaption}
      publication={view?.camera.publication}
      quality={VideoQuality.HIGH}
      status={view ? view.status : props.waiting}
      participantId={person?.id ?? null}
      room={props.room}
    />
  );
}

/**
 * The stage: the floor holder and the pinned interpreter side by side (or the interpreter above),
 * at the size and on the side the viewer chose. The two slots are fixed elements keyed by slot,
 * not by person: when the pin moves, only what is inside them changes.
 */
export function Stage({ state, room, media, videoSeen, layout, remark, announce }: StageProps) {
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  const floor = state.floorHolderId ? byId.get(state.floorHolderId) : undefined;
  const interpreter = state.activeInterpreterId ? byId.get(state.activeInterpreterId) : undefined;
  usePinAnnouncement(interpreter, announce);
  const voicing = voicingOf(state);
  useVoicingAnnouncement(voicing, state.floorHolderId, announce);
  const classes = `stage interpreter-${layout.position} interpreter-${layout.size}`;
  const common = { room, media, videoSeen, announce };

  return (
    <section className={classes} aria-label="Stage">
      {remark ? (
        <figure key="floor" className="tile slot-floor remark" aria-label={`Written remark: ${remark.name}`}>
          <blockquote>
            <p>{remark.text}</p>
          </blockquote>
          <figcaption className="tile-name">Written remark from {remark.name}</figcaption>
        </figure>
      ) : (
        <StageSlot
          key="floor"
          className="slot-floor"
          person={floor}
          roleLabel={floor ? ROLE_LABEL[floorRole(floor)] : ''}
          waiting={WAITING_FOR_MODERATOR}
          emptyCaption={ROLE_LABEL.moderator}
          note={voicing ? `voiced by ${voicing.voice.name}` : undefined}
          {...common}
        />
      )}
      <InterpreterFrame key="interpreter" announce={announce}>
        <StageSlot
          className=""
          person={interpreter}
          roleLabel={ROLE_LABEL.interpreter}
          waiting={WAITING_FOR_INTERPRETER}
          emptyCaption={ROLE_LABEL.interpreter}
          note={
            voicing && voicing.voice.id === interpreter?.id ? `voicing ${voicing.speaker.name}` : undefined
          }
          {...common}
        />
      </InterpreterFrame>
    </section>
  );
}
