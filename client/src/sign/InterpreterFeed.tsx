import { VideoQuality, type Room } from 'livekit-client';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { slotView } from '../room/slotView';
import { Tile } from '../room/Tile';
import type { MediaStatus } from '../room/useMediaConnection';

interface InterpreterFeedProps {
  state: RoomState;
  self: Participant;
  room: Room;
  media: MediaStatus;
  videoSeen: ReadonlySet<string>;
  /** The teammate shown as this interpreter's feed, or null. */
  feedId: string | null;
  onChoose: (participantId: string | null) => void;
  announce: (text: string) => void;
}

/** The ASL interpreters this one can take a feed from: every other one who signs and is here. */
export function feedCandidates(state: RoomState, self: Participant): Participant[] {
  return state.participants.filter(
    (p) => p.role === 'interpreter' && !p.channel && p.online && p.id !== self.id,
  );
}

/**
 * A Deaf interpreter (CDI) working with a hearing interpreter watches a feed: the teammate's
 * signing, large and at the top simulcast layer, whatever the stage shows. Any ASL interpreter can
 * choose a teammate as their feed, on standby or on the stage; only the team receives a standby's
 * video, so nobody else is shown it.
 */
export function InterpreterFeed(props: InterpreterFeedProps) {
  const { state, self, room, media, videoSeen, feedId, onChoose, announce } = props;
  const candidates = feedCandidates(state, self);
  const feed = candidates.find((p) => p.id === feedId);
  const choose = (person: Participant) => {
    const on = person.id !== feedId;
    onChoose(on ? person.id : null);
    announce(on ? `${person.name} is your feed` : 'No feed');
  };
  if (candidates.length === 0) return null;
  const view = feed ? slotView(room, feed, media, videoSeen) : null;
  return (
    <section className="interpreter-feed" aria-labelledby="interpreter-feed-heading">
      <h3 id="interpreter-feed-heading">Feed</h3>
      {feed && view && (
        <Tile
          className="feed"
          label={`Feed: ${feed.name}`}
          publication={view.camera.publication}
          quality={VideoQuality.HIGH}
          status={view.status}
          participantId={feed.id}
          room={room}
        />
      )}
      <div className="control-group">
        {candidates.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button"
            aria-pressed={p.id === feedId}
            onClick={() => choose(p)}
          >
            Show {p.name} as my feed
          </button>
        ))}
      </div>
    </section>
  );
}
