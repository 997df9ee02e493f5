// Two nodes of the build on one PostgreSQL and one Redis, behind HAProxy (docs/haproxy.cfg): both in
// service, a broadcast from one node's client reaching the other node's, a long-polling client kept
// on one node by HAProxy's cookie, and nothing left running after the stop.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptionLine } from '../../shared/captions.js';
import {
  isRunning,
  linkToken,
  startTestCluster,
  stickyServer,
  type TestCluster,
} from '../support/cluster.js';
import { ask, eventWhere } from '../support/server.js';

let cluster: TestCluster;
let sessionId: string;

beforeAll(async () => {
  cluster = await startTestCluster({ nodes: 2 });
  sessionId = (await cluster.api.createSession('Cluster smoke')).id;
});

afterAll(async () => {
  await cluster?.stop();
});

/** The processes whose command line names the cluster's folder (HAProxy, LiveKit), found by ps. */
const processesNaming = (dir: string) =>
  spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);

describe('a cluster of two nodes behind HAProxy', () => {
  it('has both nodes in service, checked by /readyz, and keeps /metrics from the outside', async () => {
    expect(await cluster.haproxy.states()).toEqual({ n1: 'UP', n2: 'UP' });
    for (const node of cluster.nodes) expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
    const ready = await fetch(`${cluster.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${cluster.url}/metrics`)).status).toBe(403);
  });

  it('carries a caption committed on node 1 to an attendee on node 2 (through Redis)', async () => {
    const [n1, n2] = cluster.nodes;
    const captioner = await cluster.api.invite(sessionId, 'captioner', 'Cora');
    const attendee = await cluster.api.invite(sessionId, 'attendee', 'Ada');
    const cora = await cluster.join(n1!.url, linkToken(captioner.url));
    const ada = await cluster.join(n2!.url, linkToken(attendee.url));
    const line = eventWhere(ada.socket, 'caption:line', (l) => l.text === 'Hello from node one');
    expect(await ask(cora.socket, 'caption:update', { text: 'Hello from node one' })).toEqual({ ok: true });
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    expect(await line).toMatchObject({ text: 'Hello from node one' });
  });

  it('keeps a long-polling client on one node with its SERVERID cookie', async () => {
    // HAProxy names the node in the cookie of the first response of a Socket.IO handshake.
    const handshake = await fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling`);
    expect(stickyServer(handshake)).toMatch(/^n[12]$/);

    const captioner = await cluster.api.invite(sessionId, 'captioner', 'Cal');
    const attendee = await cluster.api.invite(sessionId, 'attendee', 'Pat');
    const pat = await cluster.join(cluster.url, linkToken(attendee.url), {
      transports: ['polling'],
      withCredentials: true,
    });
    const lines: CaptionLine[] = [];
    pat.socket.on('caption:line', (l) => lines.push(l));
    // Every request of the polling session (polls, posts, acks) must reach the node that holds it.
    for (let i = 1; i <= 5; i++) {
      expect(await ask(pat.socket, 'caption:sync', { afterSeq: 0 })).toMatchObject({ ok: true });
    }
    const cal = await cluster.join(cluster.nodes[0]!.url, linkToken(captioner.url));
    // Cora wrote this session's captions above: Cal takes over her pen first (policy A27).
    expect(await ask(cal.socket, 'caption:take-pen', {})).toEqual({ ok: true });
    await ask(cal.socket, 'caption:update', { text: 'Over long-polling' });
    await ask(cal.socket, 'caption:commit', {});
    await expect.poll(() => lines.map((l) => l.text)).toContain('Over long-polling');
    expect(pat.socket.io.engine.transport.name).toBe('polling');
    expect(pat.socket.connected).toBe(true);
  });

  it('loses a long-polling client that drops the cookie: its requests are spread over both nodes', async () => {
    // The control for the test above: while one request of the session waits on a node, leastconn
    // sends the next to the other node, which does not know the session and refuses it.
    const attendee = await cluster.api.invite(sessionId, 'attendee', 'Lou');
    const socket = cluster.client(cluster.url, linkToken(attendee.url), {
      transports: ['polling'],
      withCredentials: false,
      reconnection: false,
    });
    const lost = new Promise<string>((resolve) => {
      socket.once('connect_error', (err) => resolve(`lost: ${err.message}`));
      socket.once('disconnect', (reason) => resolve(`lost: ${reason}`));
    });
    const joined = ask(socket, 'room:join', {}).then(
      (ack) => (ack.ok ? 'joined' : `refused: ${ack.message}`),
      () => 'no answer',
    );
    expect(await Promise.race([lost, joined])).toMatch(/^lost: /);
  });

  it('stops every process it started', async () => {
    const pids = cluster.pids();
    // PostgreSQL, Redis, two nodes, HAProxy's master and its worker.
    expect(pids.length).toBeGreaterThanOrEqual(6);
    const { dir } = cluster;
    await cluster.stop();
    expect(pids.filter(isRunning)).toEqual([]);
    expect(processesNaming(dir)).toEqual([]);
  });
});
