import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol.js';
import type { CaptionUrls } from '../captions/captionUrl.js';
import type { CaptionService } from '../captions/service.js';
import type { LinkSigner } from '../invites/tokens.js';
import type { MediaHealth } from '../livekit/health.js';
import type { MediaService } from '../livekit/media.js';
import type { QueueService } from '../queue/service.js';
import type { Presence } from '../room/presence.js';
import type { RegistrationRepo } from '../store/registrationRepo.js';
import type { Repo } from '../store/repo.js';
import type { Closing } from './closing.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type OpenFloorServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type OpenFloorSocket = Socket<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

/** Everything a socket handler may touch, passed in so tests can build it with real parts. */
export interface RoomContext {
  io: OpenFloorServer;
  repo: Repo;
  registrations: RegistrationRepo;
  signer: LinkSigner;
  presence: Presence;
  media: MediaService | null;
  /** Whether the media server answers now; null: not probed (tests), taken as available. */
  mediaHealth: MediaHealth | null;
  queue: QueueService;
  captions: CaptionService;
  closing: Closing;
  /** The name caption lines carry by default: the floor holder's. */
  speakerFor: (sessionId: string) => Promise<string>;
  /** A captioner's signed ingest URL for their captioning software. */
  captionUrl: CaptionUrls;
  /** Someone of the public came or went: the room hears about it in the next coalesced broadcast. */
  audienceChanged: (sessionId: string) => void;
  /** Drops what memory holds for a session nobody is connected to or that is over (the store keeps it). */
  forget: (sessionId: string) => void;
  /** The next room-state revision: grows across restarts too, so a client never keeps older state. */
  nextRevision: () => number;
  now: () => Date;
  log: Logger;
}

/** The Socket.IO room that carries one session's broadcasts: the people who joined. */
export function sessionChannel(sessionId: string): string {
  return `session:${sessionId}`;
}

/**
 * The joined staff, or the joined public, of a session: the room state differs between them (R1).
 * Every joined socket is in `sessionChannel` and in one of these.
 */
export function audienceChannel(sessionId: string, audience: 'team' | 'public'): string {
  return `${audience}:${sessionId}`;
}

/** Every connection of a session, joined or not: what ending the session closes. */
export function connectionsChannel(sessionId: string): string {
  return `connections:${sessionId}`;
}

/** Every connection made with one link: what revoking it closes. */
export function inviteChannel(inviteId: string): string {
  return `invite:${inviteId}`;
}

/**
 * Revisions from the wall clock in microseconds, then counting: later than any revision an earlier
 * process gave (unless the clock went back), and strictly growing within this one.
 */
export function createRevisionCounter(nowMs: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(last + 1, nowMs() * 1000);
    return last;
  };
}
