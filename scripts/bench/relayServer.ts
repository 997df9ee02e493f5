// The baseline of bench:caption-paint: a bare Socket.IO relay and two minimal pages, so that the
// figure shows what OpenFloor adds beyond the network and the browser. The captioner's page emits
// its whole line on every input event (no throttle, no acknowledgement awaited) and Enter commits
// it; the relay forwards both to every other socket; the viewer's page sets textContent. Event
// names and the caption region's shape (role, name, classes) are OpenFloor's, so the same probe
// (captionPaintProbe.ts) and the same matching read both. Runs in a process of its own, as the app
// does, started by fork(); it sends { url } when it listens and exits on 'stop' or disconnect.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

interface Events {
  'caption:update': (payload: { text: string }) => void;
  'caption:commit': () => void;
}
interface Broadcasts {
  'caption:partial': (partial: { text: string }) => void;
  'caption:line': (line: { text: string }) => void;
}

const HEAD =
  '<!doctype html><html lang="en"><meta charset="utf-8"><script src="/socket.io/socket.io.min.js"></script>';

const CAPTIONER = `${HEAD}<title>Relay captioner</title>
<label for="caption-input">Caption input</label><textarea id="caption-input" rows="2"></textarea>
<script>
  const socket = (window.socket = io());
  const input = document.getElementById('caption-input');
  input.addEventListener('input', () => socket.emit('caption:update', { text: input.value }));
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    socket.emit('caption:commit');
    input.value = '';
  });
</script>`;

const VIEWER = `${HEAD}<title>Relay viewer</title>
<div role="log" aria-label="Captions"><p class="caption-line caption-partial"></p></div>
<script>
  const socket = (window.socket = io());
  const log = document.querySelector('[role="log"]');
  const partial = log.querySelector('.caption-partial');
  socket.on('caption:partial', (p) => (partial.textContent = p.text));
  socket.on('caption:line', (l) => {
    const line = document.createElement('p');
    line.className = 'caption-line';
    line.textContent = l.text;
    log.insertBefore(line, partial);
    partial.textContent = '';
  });
</script>`;

const PAGES: Record<string, string> = { '/captioner': CAPTIONER, '/viewer': VIEWER };

const http = createServer((req, res) => {
  const page = PAGES[req.url ?? ''];
  res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page ?? 'Not found');
});
const io = new Server<Events, Broadcasts>(http);
let text = '';

io.on('connection', (socket) => {
  socket.on('caption:update', (payload) => {
    text = payload.text;
    socket.broadcast.emit('caption:partial', { text });
  });
  socket.on('caption:commit', () => {
    socket.broadcast.emit('caption:line', { text: text.trim() });
    socket.broadcast.emit('caption:partial', { text: '' });
    text = '';
  });
});

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void io.close(() => process.exit(0));
}
process.on('message', (msg: { type: string }) => msg.type === 'stop' && stop());
process.on('disconnect', stop);
process.send!({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
