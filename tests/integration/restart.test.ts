import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
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
afterEach(async () => {
  await app?.stop();
  app = undefined;
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
    await expect.poll(() => speaker!.queue?.offer?.participantId).toBe(links[1]!.id);
    expect(await ask(speaker!.socket, 'floor:accept', {})).toEqual({ ok: true });
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

describe('a server process crash with a caption line in progress', () => {
  it(
    'C11 C5 text acknowledged without a line break reaches the transcript after the restart',
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      app = await startAppProcess(port, { env: NO_MEDIA });
      const session = await app.createSession('Crash');
      const cart = await app.post<{ captionUrl: string }>(`/sessions/${session.id}/invites`, {
        role: 'captioner',
        name: 'Cora',
      });
      const captionUrl = cart.captionUrl.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
      const posted = await fetch(`${captionUrl}&seq=1`, {
        method: 'POST',
        body: 'Said just before the crash',
      });
      expect(posted.status).toBe(200);

      // Killed at once: no shutdown code runs, so only what was stored before the 200 survives.
      const dataDir = app.dataDir;
      await app.stop({ keepData: true, signal: 'SIGKILL' });
      app = await startAppProcess(port, { dataDir, env: NO_MEDIA });

      // No client connects: the idle commit (C5) of the restarted process makes the line.
      const transcript = () =>
        fetch(`${app!.url}/api/transcripts/${session.id}?format=txt`, {
          headers: { authorization: `Bearer ${app!.organizerToken}` },
        }).then((r) => r.text());
      await expect.poll(transcript, { timeout: 15_000 }).toContain('Moderator: Said just before the crash');
    },
  );
});
