// npm run bench:queue [-- --clients N --raises R]: N connected attendees and a moderator; R of the
// attendees raise a hand one after another (then lower it, so the queue stays short as in a real
// session). Prints the latency from emitting queue:raise-hand to the moderator receiving the queue
// with that hand in it, while every change is broadcast to all N clients.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { ask, type BenchClient } from './client.js';
import { percentile, reportFigures } from './report.js';

type Client = BenchClient;
const { values } = parseArgs({
  options: { clients: { type: 'string', default: '2000' }, raises: { type: 'string', default: '300' } },
});
const CLIENTS = Number(values.clients);
const RAISES = Math.min(Number(values.raises), CLIENTS);

const server = fork('scripts/bench/queueServer.ts', [String(CLIENTS)], { execArgv: ['--import', 'tsx'] });
const info = await new Promise<{ url: string; moderator: string; attendees: string[] }>((r) =>
  server.once('message', r as never),
);

async function connect(token: string): Promise<{ socket: Client; id: string }> {
  const socket: Client = io(info.url, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  const joined = await ask(socket, 'room:join', {});
  if (!joined.ok) throw new Error(joined.message);
  return { socket, id: joined.self.id };
}

const started = Date.now();
const moderator = await connect(info.moderator);
const attendees: { socket: Client; id: string }[] = [];
for (let i = 0; i < CLIENTS; i += 100) {
  attendees.push(...(await Promise.all(info.attendees.slice(i, i + 100).map(connect))));
}
console.log(`connected ${CLIENTS} clients in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const latencies: number[] = [];
for (let i = 0; i < RAISES; i++) {
  const { socket, id } = attendees[i]!;
  const seen = new Promise<number>((resolve) => {
    const listener = (q: { entries: { participantId: string }[] }) => {
      if (!q.entries.some((e) => e.participantId === id)) return;
      moderator.socket.off('queue:state', listener);
      resolve(performance.now());
    };
    moderator.socket.on('queue:state', listener);
  });
  const sentAt = performance.now();
  const ack = await ask(socket, 'queue:raise-hand', { topic: `topic ${i}` });
  if (!ack.ok) throw new Error(ack.message);
  latencies.push((await seen) - sentAt);
  await ask(socket, 'queue:lower-hand', {});
}

// One percentile for the line and the figures, so the two never disagree.
const pct = (p: number) => percentile(latencies, p).toFixed(1);
console.log(
  `raise-hand -> moderator notified, ${RAISES} raises with ${CLIENTS} clients connected: ` +
    `p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
);
reportFigures({
  bench: 'queue',
  size: `${CLIENTS} clients, ${RAISES} raises`,
  figures: ([50, 95, 99] as const).map((p) => ({
    metric: `raise hand → moderator notified p${p}`,
    value: percentile(latencies, p),
    unit: 'ms',
  })),
});
for (const c of [moderator, ...attendees]) c.socket.disconnect();
server.send('stop');
