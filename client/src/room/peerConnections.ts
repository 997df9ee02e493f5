import type { Room } from 'livekit-client';
import type { InviteRole } from '../../../shared/roles.js';

/**
 * How many peer connections the page's Room makes to the media server, set once the link's role is
 * known and before the Room first connects (LiveKit reads the option when it connects).
 *
 * - Two, one to send and one to receive, for everyone but a speaker: on the receiving connection
 *   the media server offers each new track itself, so the floor's camera arrives in one exchange.
 *   On LiveKit's single connection, each new subscription waits for the server to ask the page
 *   for room, then for the page's offer and the server's answer: a viewer's subscription to the
 *   floor took 685 ms that way against 137 ms with two (`npm run bench -- --only media`, same
 *   machine). The moderator and interpreters publish from the start, so their sending connection
 *   is made at the join either way.
 * - With a speaker on one and the rest on two, "Give floor" → the speaker's first frame on a
 *   viewer's stage had a median of 1.45 s over 12 floors, against 1.85 s all on one, run after run
 *   on the same machine.
 * - One for a speaker: they publish only once given the floor, and with two connections the
 *   sending one would first be made then (ICE and DTLS on the floor's critical path); on the single
 *   connection, made at the join, the grant only adds their tracks.
 */
export function choosePeerConnections(room: Room, role: InviteRole): void {
  room.options.singlePeerConnection = role === 'speaker';
}
