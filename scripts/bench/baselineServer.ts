// The baseline of bench:captions: a bare Socket.IO server (no auth, no store, no rooms) that
// rebroadcasts one socket's caption messages to every other socket with a server timestamp. It
// speaks the same event names and payload shapes as OpenFloor, so the same driver and the same
// viewers run against it: caption:update -> caption:partial, caption:commit -> caption:line plus
// the empty caption:partial that clears the line in progress (as OpenFloor does).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { CaptionLine, CaptionPartial } from '../../shared/captions.js';

type Ack = (result: { ok: true }) => void;
interface Events {
  'room:join': (payload: object, ack: Ack) => void;
  'caption:update': (payload: { text: string; lang?: string }, ack: Ack) => void;
  'caption:commit': (payload: { lang?: string }, ack: Ack) => void;
}
interface Broadcasts {
  'caption:partial': (partial: CaptionPartial) => void;
  'caption:line': (line: CaptionLine) => void;
}

const http = createServer();
const io = new Server<Events, Broadcasts>(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
const speaker = 'Moderator';
let seq = 0;
let text = '';
let startedAt = '';

io.on('connection', (socket) => {
  socket.on('room:join', (_payload, ack) => ack({ ok: true }));
  socket.on('caption:update', (payload, ack) => {
    const at = new Date().toISOString();
    if (!text) startedAt = at;
    text = payload.text;
    socket.broadcast.emit('caption:partial', { lang: payload.lang ?? 'en-US', speaker, text, at });
    ack({ ok: true });
  });
  socket.on('caption:commit', (payload, ack) => {
    const lang = payload.lang ?? 'en-US';
    const at = new Date().toISOString();
    if (text) socket.broadcast.emit('caption:line', { seq: ++seq, lang, speaker, text, startedAt, at });
    if (text) socket.broadcast.emit('caption:partial', { lang, speaker, text: '', at });
    text = '';
    ack({ ok: true });
  });
});

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const port = (http.address() as AddressInfo).port;

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void io.close(() => process.exit(0));
}

// Started with --expose-gc, so memory samples are taken after a full collection (only when asked:
// a collection inside a measured window would count against the server's CPU there).
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg: { type: string; gc?: boolean }) => {
  if (msg.type === 'stop') return stop();
  if (msg.type !== 'sample') return;
  if (msg.gc) gc?.();
  const m = process.memoryUsage();
  process.send!({ type: 'sample', cpu: process.cpuUsage(), rss: m.rss, heapUsed: m.heapUsed });
});
process.on('disconnect', stop);
process.send!({ type: 'ready', url: `http://127.0.0.1:${port}`, captioner: '', attendees: [] });
