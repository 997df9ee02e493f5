import type { Logger } from 'pino';
import type { MediaHealth } from './health.js';
import type { MediaService } from './media.js';
import { setPublishing } from './permissions.js';

/** What OpenFloor asks of the media server on its own initiative; each is idempotent. */
export type MediaOp =
  { type: 'publish'; allowed: boolean; cameraOnly?: boolean } | { type: 'remove' } | { type: 'delete-room' };

/** The first retry's delay; each next one doubles, up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
/** Failed attempts while the media server counts as up, before an operation is given up (and logged). */
const MAX_ATTEMPTS = 8;
// The key of an operation on the whole room; a participant's identity is never empty.
const ROOM = '';

export interface MediaEffects {
  /** `cameraOnly`: the camera without the microphone (policy A41). */
  setPublishing(room: string, identity: string, allowed: boolean, cameraOnly?: boolean): void;
  removeParticipant(room: string, identity: string): void;
  deleteRoom(room: string): void;
  /** Resolves once nothing is waiting or under way (tests, shutdown). */
  settled(): Promise<void>;
  /** How many operations wait (the readiness check reports it). */
  pending(): number;
}

/**
 * K6: media effects run beside the session's ordering, never inside it. A command on the queue
 * stores its result, answers and broadcasts; what LiveKit must do follows here, one call at a time
 * per media room, each with a short time-out. A newer wish for the same person replaces an older
 * one not yet carried out (the last grant is the one that counts), a room's deletion replaces all
 * of its waiting work, failures are retried with a growing delay, and nothing is attempted while
 * the health probe says the media server is down: its return wakes every waiting room at once.
 */
export function createMediaEffects(
  media: MediaService,
  health: MediaHealth | null,
  log: Logger,
): MediaEffects {
  const rooms = new Map<string, Map<string, MediaOp>>();
  const running = new Set<string>();
  const wakers = new Set<() => void>();
  let idle: (() => void)[] = [];

  health?.onChange((available) => {
    if (!available) return;
    for (const wake of [...wakers]) wake();
  });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function perform(room: string, identity: string, op: MediaOp): Promise<void> {
    if (op.type === 'publish') {
      const done = await setPublishing(media, room, identity, op.allowed, op.cameraOnly);
      if (!done) log.info({ room, identity }, 'not in the media room; their next token carries the grant');
    } else if (op.type === 'remove') await media.removeParticipant(room, identity);
    else await media.deleteRoom(room);
  }

  async function drain(room: string) {
    running.add(room);
    const attempts = new Map<string, number>();
    for (let work = rooms.get(room); work && work.size > 0; work = rooms.get(room)) {
      if (health && !health.available()) {
        await pause(RETRY_MAX_MS);
        continue;
      }
      const [identity, op] = work.entries().next().value!;
      work.delete(identity);
      try {
        await perform(room, identity, op);
        attempts.delete(identity);
      } catch (err) {
        const tries = (attempts.get(identity) ?? 0) + 1;
        attempts.set(identity, tries);
        // Put it back unless a newer wish for the same person (or the room) came meanwhile.
        const current = rooms.get(room);
        if (tries >= MAX_ATTEMPTS)
          log.warn({ err, room, identity, op }, 'the media server refused an operation; giving up on it');
        else if (current && !current.has(identity) && !current.has(ROOM)) current.set(identity, op);
        if (current?.size) await pause(Math.min(RETRY_FIRST_MS * 2 ** (tries - 1), RETRY_MAX_MS));
      }
    }
    rooms.delete(room);
    running.delete(room);
    if (running.size === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  }

  function enqueue(room: string, identity: string, op: MediaOp) {
    const work =
      op.type === 'delete-room'
        ? new Map<string, MediaOp>()
        : (rooms.get(room) ?? new Map<string, MediaOp>());
    work.set(identity, op);
    rooms.set(room, work);
    if (!running.has(room)) void drain(room);
  }

  return {
    setPublishing: (room, identity, allowed, cameraOnly) =>
      enqueue(room, identity, { type: 'publish', allowed, ...(cameraOnly ? { cameraOnly } : {}) }),
    removeParticipant: (room, identity) => enqueue(room, identity, { type: 'remove' }),
    deleteRoom: (room) => enqueue(room, ROOM, { type: 'delete-room' }),
    settled: () =>
      running.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)),
    pending: () => [...rooms.values()].reduce((n, work) => n + work.size, 0),
  };
}
