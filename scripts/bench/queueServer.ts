// The server side of bench:queue, in its own process so the clients' CPU does not count against it.
// Starts the real app (no media) with a session, a moderator and N attendees, and reports them.
import { startBenchApp } from './benchApp.js';

const bench = await startBenchApp('moderator', Number(process.argv[2] ?? 2000));
process.send!({ url: bench.url, moderator: bench.staff, attendees: bench.attendees });
process.on('message', () => {
  void bench.close().then(() => process.exit(0));
});
