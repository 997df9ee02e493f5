// The OpenFloor side of bench:captions, in its own process so the viewers' CPU does not count
// against it. Starts the real app (no media) on an ephemeral port, creates a live session with one
// captioner and N attendee invites, and reports them to the parent. Then answers the parent's
// 'sample' requests with its own CPU and memory figures, and cleans up on 'stop'.
import { startBenchApp } from './benchApp.js';

const bench = await startBenchApp('captioner', Number(process.argv[2] ?? 2000));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bench.close();
  process.exit(0);
}

// Started with --expose-gc, so memory samples are taken after a full collection (only when asked:
// a collection inside a measured window would count against the server's CPU there).
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg: { type: string; gc?: boolean }) => {
  if (msg.type === 'stop') return void stop();
  if (msg.type !== 'sample') return;
  if (msg.gc) gc?.();
  const m = process.memoryUsage();
  process.send!({ type: 'sample', cpu: process.cpuUsage(), rss: m.rss, heapUsed: m.heapUsed });
});
// The parent went away without saying stop (a crash): still remove the data dir.
process.on('disconnect', () => void stop());
process.send!({ type: 'ready', url: bench.url, captioner: bench.staff, attendees: bench.attendees });
