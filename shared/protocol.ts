import type { CaptionLine, CaptionPartial } from './captions.js';
import type { SessionStatus } from './sessions.js';
import type { QueueSnapshot, QueueSettings } from './queue.js';
import type { InviteRole } from './roles.js';

/** Bumped when the client-server contract changes incompatibly. */
export const PROTOCOL_VERSION = 4;

/** Why a command was refused. */
export const REASONS = {
  invalidPayload: 'invalid-payload',
  forbidden: 'forbidden',
  notFound: 'not-found',
  notJoined: 'not-joined',
  /** The session is not in a state that allows it (opening an ended session). */
  wrongState: 'wrong-state',
  /** The session does not take comments from the public (raised hands, written remarks). */
  commentsClosed: 'comments-closed',
  /** The link was revoked or the session ended: the server closes the connection too. */
  closed: 'closed',
  unknownCommand: 'unknown-command',
  rateLimited: 'rate-limited',
  mediaUnavailable: 'media-unavailable',
  /** Another captioner holds the pen (policy A26): "Take over" first. */
  penHeld: 'pen-held',
  /** The server cannot reach its store for a moment (a restart, a failover): try again shortly. */
  unavailable: 'unavailable',
  internal: 'internal-error',
  /**
   * Never sent by the server: a page's own answer when its connection dropped before the server's
   * answer came (client/src/lib/socket.ts). Whether the command was done is unknown.
   */
  dropped: 'dropped',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; reason: Reason; message: string };

export interface SessionSummary {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The public waits in the lobby until the session is live. */
  status: SessionStatus;
}

/** A person in the room as everyone sees them. `id` is also their LiveKit identity. */
export interface Participant {
  id: string;
  name: string;
  role: InviteRole;
  online: boolean;
  /**
   * An interpreter of a spoken language: the language (e.g. "es") their microphone's channel
   * carries (policy A42). They are not an ASL interpreter: never pinned on the stage (A43), and
   * shown to everyone, who may listen to their channel instead of the floor.
   */
  channel?: string;
}

/** The whole room state the server sends on join and after every change. */
export interface RoomState {
  /** Grows with every state the server sends, so a client never replaces newer state with older. */
  revision: number;
  session: SessionSummary;
  /**
   * The people shown by name: staff (moderators, interpreters, captioners) and whoever holds the
   * floor. The public is counted, not listed, so a join costs every client a few bytes, not a list.
   */
  participants: Participant[];
  /** Attendees and speakers online who are not in `participants`. */
  audienceOnline: number;
  /** The interpreter pinned on the stage, or null while no interpreter has joined. */
  activeInterpreterId: string | null;
  /** Who holds the floor: a speaker once the queue exists, otherwise the moderator (null if none). */
  floorHolderId: string | null;
  /**
   * The interpreter who voices the floor holder, who signs (queue rule Q18): their voice is the
   * floor's audio. Null or absent while the holder speaks for themselves.
   */
  voicedById?: string | null;
  /**
   * Who holds the pen of each caption track (policy A26-A29): language tag to the captioner who
   * writes it now. A track nobody has written is absent (as is the whole map from older servers).
   */
  captionPens?: Readonly<Record<string, string>>;
}

export interface LiveKitConnection {
  url: string;
  token: string;
}

/**
 * Whether the media server (LiveKit) answers the server's health probe. Sent to every connection
 * when it changes, so pages say "audio and video are down" when it happens rather than when their
 * own media connection times out, and reconnect as soon as it is back.
 */
export interface MediaStatusEvent {
  available: boolean;
}

/** Why the server closes a connection for good: the page shows its end page, and does not retry. */
export const CLOSE_REASONS = {
  ended: 'ended',
  cancelled: 'cancelled',
  /** The organizer revoked the link, or the registration it belonged to was cancelled. */
  linkRevoked: 'link-revoked',
} as const;
export type CloseReason = (typeof CLOSE_REASONS)[keyof typeof CLOSE_REASONS];

/** Sent just before the server closes a connection for good (K3). */
export interface SessionClosedEvent {
  reason: CloseReason;
  /**
   * Until when this page's link still opens the session's transcript (policy A24), or null when it
   * does not (a cancelled session, a revoked link, a connection that never joined the room).
   */
  transcriptUntil: string | null;
}

export interface JoinResult {
  self: Participant;
  state: RoomState;
  queue: QueueSnapshot;
  /** Null when this person gets no media now (the public in the lobby) or the media server is down. */
  livekit: LiveKitConnection | null;
  /** Whether the media server answers now; later changes come as `media:status` events. */
  media: MediaStatusEvent;
  /** Captioners only: the URL their captioning software posts to (Zoom-compatible). */
  captionUrl: string | null;
}

/** Events the client sends. Every command answers with an acknowledgement. */
export interface ClientToServerEvents {
  'room:join': (payload: { name?: string }, ack: (result: Ack<JoinResult>) => void) => void;
  /** Asks for a fresh LiveKit token (they are short-lived) before reconnecting to media. */
  'room:media-token': (payload: object, ack: (result: Ack<{ livekit: LiveKitConnection }>) => void) => void;
  'interpreter:take-over': (payload: object, ack: (result: Ack) => void) => void;
  'interpreter:set-active': (payload: { participantId: string }, ack: (result: Ack) => void) => void;
  'queue:raise-hand': (
    payload: { kind?: 'speak' | 'remark'; topic?: string; remark?: string },
    ack: (result: Ack) => void,
  ) => void;
  /** Lowers the caller's own hand, or (moderators) the named participant's. */
  'queue:lower-hand': (payload: { participantId?: string }, ack: (result: Ack) => void) => void;
  'queue:move': (
    payload: { participantId: string; direction: 'up' | 'down' },
    ack: (result: Ack) => void,
  ) => void;
  'queue:lower-all': (payload: object, ack: (result: Ack) => void) => void;
  'queue:configure': (payload: Partial<QueueSettings>, ack: (result: Ack) => void) => void;
  'floor:give': (payload: { participantId: string }, ack: (result: Ack) => void) => void;
  /** Moderators: marks a person as signing (ASL), or not (policy A40, queue rule Q19). */
  'speaker:mark-signing': (
    payload: { participantId: string; signs: boolean },
    ack: (result: Ack) => void,
  ) => void;
  /** Gives the floor to the first in line who is in the room; `skipped` names those passed over. */
  'floor:next': (payload: object, ack: (result: Ack<{ skipped?: string[] }>) => void) => void;
  /** The person the floor is offered to: "Start speaking" (accept) or "Not now" (decline). */
  'floor:accept': (payload: object, ack: (result: Ack) => void) => void;
  'floor:decline': (payload: object, ack: (result: Ack) => void) => void;
  'floor:end': (payload: object, ack: (result: Ack) => void) => void;
  'timer:pause': (payload: object, ack: (result: Ack) => void) => void;
  'timer:resume': (payload: object, ack: (result: Ack) => void) => void;
  'timer:extend': (payload: { ms: number }, ack: (result: Ack) => void) => void;
  /**
   * Lines after `afterSeq` (0 for the recent history), so a reconnecting viewer misses none; with
   * `afterFix`, also the lines up to `afterSeq` corrected since (`fixes`), and the session's last
   * correction count (`lastFix`), C19; and the server's clock (`now`), which caption times are on.
   */
  'caption:sync': (
    payload: { afterSeq: number; afterFix?: number },
    ack: (result: Ack<{ lines: CaptionLine[]; fixes: CaptionLine[]; lastFix: number; now: string }>) => void,
  ) => void;
  /** Captioners: the whole line in progress, as corrected; `line` is the page's id for it (C14). */
  'caption:update': (
    payload: { text: string; lang?: string; speaker?: string; line?: string },
    ack: (result: Ack) => void,
  ) => void;
  /** Captioners: Enter; with `line`, only the line of that id. */
  'caption:commit': (payload: { lang?: string; line?: string }, ack: (result: Ack) => void) => void;
  /** Captioners holding the pen: a committed line, by its seq, corrected (C18). */
  'caption:correct': (
    payload: { seq: number; text: string; speaker?: string },
    ack: (result: Ack) => void,
  ) => void;
  /** Captioners: "Take over" the pen of a caption track from the captioner writing it now (A27). */
  'caption:take-pen': (payload: { lang?: string }, ack: (result: Ack) => void) => void;
  /** Moderators: open the lobby, go live, or end the session. */
  'session:advance': (
    payload: { action: 'open-lobby' | 'go-live' | 'end' },
    ack: (result: Ack<{ status: SessionStatus }>) => void,
  ) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  'room:state': (state: RoomState) => void;
  'queue:state': (queue: QueueSnapshot) => void;
  'caption:line': (line: CaptionLine) => void;
  'caption:partial': (partial: CaptionPartial) => void;
  /** A committed line written again (C17, C18): pages replace the line of that seq in place (C19). */
  'caption:corrected': (line: CaptionLine) => void;
  'media:status': (status: MediaStatusEvent) => void;
  'session:closed': (event: SessionClosedEvent) => void;
  /**
   * The server is stopping (a restart, a deploy): the connection drops in a moment and the client
   * reconnects by itself. Acknowledged, so the server knows the page heard it before it closes.
   */
  'server:stopping': (ack: () => void) => void;
}

/** What the server knows about each socket after its handshake. */
export interface SocketData {
  inviteId: string;
  sessionId: string;
  role: InviteRole;
  name: string;
  joined: boolean;
}

/** The handshake's `auth` payload: the personal join link's token and the client's protocol version. */
export interface HandshakeAuth {
  token: string;
  protocol: number;
}

/** GET /api/join/:token answers with who the link is for, so the pre-join page can greet them. */
export interface InviteInfo {
  inviteId: string;
  name: string;
  role: InviteRole;
  session: SessionSummary;
}

/** Error body of every API refusal. */
export interface ApiError {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
  /** A genuine link whose session ended or was cancelled, or that was withdrawn: the end page's facts. */
  closed?: ClosedLink;
}

/**
 * What a page opened (or reloaded, or reconnecting) with a link that no longer opens the room needs
 * to show the end page instead of an error: why, the session, and whose link it is. Sent with the
 * refusal of GET /api/join/:token and of the Socket.IO handshake (`err.data.closed`).
 */
export interface ClosedLink {
  closed: SessionClosedEvent;
  session: SessionSummary;
  role: InviteRole;
}

/** The payload of a command. */
export type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/**
 * The acknowledgement of a command. socket.io-client's `timeout().emitWithAck()` loses this type
 * (it reads the first argument of the decorated `(err, result)` callback), so callers restore it.
 */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: infer R,
) => void
  ? R
  : never;
