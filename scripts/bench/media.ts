// npm run bench:media [-- --joins N --floors N --full --no-build]: first frames, in Chromium, on a
// real LiveKit server, in the real app (a session live, an interpreter publishing, a moderator).
//   join:  an attendee's click on "Join room" on the pre-join page → the first frame of the
//          interpreter's video on their stage;
//   floor: the moderator's "Give floor" click → the speaker's first frame on an attendee's stage
//          (the speaker waited in the queue, and answers "Start speaking" as soon as asked).
// Baseline, in the same run: bare livekit-client pages with tokens minted ahead (connect → first
// frame of the same interpreter; a bare publisher starts camera and microphone → first frame at a
// bare subscriber). Carries WebRTC media, so it re-runs itself in a loopback-only network namespace.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

if (process.env.OPENFLOOR_BENCH_NETNS !== '1') {
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  const { status } = spawnSync(
    'unshare',
    ['-n', '--', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', ...argv],
    {
      stdio: 'inherit',
      env: { ...process.env, OPENFLOOR_BENCH_NETNS: '1' },
    },
  );
  process.exit(status ?? 1);
}

const { values } = parseArgs({
  options: {
    joins: { type: 'string' },
    floors: { type: 'string' },
    full: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: true },
  },
});
const JOINS = Number(values.joins ?? (values.full ? 40 : 10));
const FLOORS = Number(values.floors ?? (values.full ? 40 : 10));

if (!values['no-build']) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(1);
}

const { runMediaBench } = await import('./mediaRun.js');
await runMediaBench({ joins: JOINS, floors: FLOORS });
process.exit(0);
