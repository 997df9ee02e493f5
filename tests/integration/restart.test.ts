import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import type { QueueSnapshot } from '../../shared/queue.js';
import { freePort, NO_MEDIA, startAppProcess, type AppProcess } from '../support/appProcess.js';
import { ask, type TestClient } from '../support/server.js';

/** A client that, like the browser, joins again on every (re)connection and keeps the latest queue. */
function connect(url: string, token: string) {
  const socket: TestClient = io(url, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnectionDelay: 200,
  });
  const client = { socket, joins: 0, queue: null as QueueSnapshot | null };
  socket.on('connect', () => {
    void ask(socket, 'room:join', {}).then((r) => {
      if (!r.ok) return;
      client.joins += 1;
      client.queue = r.queue;
    });
  });
  socket.on('queue:state', (q) => (client.queue = q));
  return client;
}

let app: AppProcess | undefined;
afterAll(async () => {
  await app?.stop();
});

describe('a server process restart mid-turn', () => {
  it('reconnected clients see the same queue, floor and deadline', { timeout: 60_000 }, async () => {
    const port = await freePort();
    app = await startAppProcess(port, { env: NO_MEDIA });
    const session = await app.createSession('Restart');
    const links = await Promise.all(
      (['moderator', 'speaker', 'attendee'] as const).map((role) => app!.invite(session.id, role, role)),
    );
    const clients = links.map((l) => connect(app!.url, l.url.split('/join/')[1]!));
    const [moderator, speaker, attendee] = clients;
    await expect.poll(() => clients.every((c) => c.joins === 1)).toBe(true);
    await ask(speaker!.socket, 'queue:raise-hand', { topic: 'first' });
    await ask(attendee!.socket, 'queue:raise-hand', { topic: 'second' });
    expect(await ask(moderator!.socket, 'floor:next', {})).toEqual({ ok: true });
    await expect.poll(() => attendee!.queue?.floor?.participantId).toBe(links[1]!.id);
    const before = { entries: attendee!.queue!.entries, floor: attendee!.queue!.floor };

    const dataDir = app.dataDir;
    await app.stop({ keepData: true });
    app = await startAppProcess(port, { dataDir, env: NO_MEDIA });

    await expect.poll(() => clients.every((c) => c.joins === 2), { timeout: 15_000 }).toBe(true);
    for (const c of clients) {
      expect({ entries: c.queue!.entries, floor: c.queue!.floor }).toEqual(before);
      c.socket.disconnect();
    }
  });
});
