// `npm run build`: the client (Vite, into dist/client) and the server (tsc, plain JavaScript into
// dist/server and dist/shared), so that production runs `node dist/server/main.js` and nothing
// else. `--if-stale` (what `npm start` uses) skips the build when nothing it is made from changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/paths.js';

const DIST = join(PROJECT_ROOT, 'dist');
/** Written last by a build that succeeded: its time is the build's. */
const STAMP = join(DIST, '.build-stamp');
/** Everything the build reads. A folder's time changes when a file in it is added or removed. */
const INPUTS = [
  'client',
  'server',
  'shared',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.server.json',
  'vite.config.ts',
];
const OUTPUTS = ['client/index.html', 'server/main.js'];

function newestTime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestTime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when the last build is newer than everything it was made from. */
function staleReason(): string | null {
  if (!existsSync(STAMP) || OUTPUTS.some((o) => !existsSync(join(DIST, o)))) return 'no build yet';
  const built = statSync(STAMP).mtimeMs;
  const changed = INPUTS.filter((i) => existsSync(join(PROJECT_ROOT, i))).find(
    (i) => newestTime(join(PROJECT_ROOT, i)) > built,
  );
  return changed ? `${changed} changed since the last build` : null;
}

function run(argv: string[]): void {
  const { status, signal } = spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit', cwd: PROJECT_ROOT });
  if (status !== 0) {
    process.stderr.write(
      `Build failed: ${argv.join(' ')} ${signal ? `stopped by ${signal}` : `exited ${status}`}\n`,
    );
    process.exit(1);
  }
}

const bin = (name: string) => join(PROJECT_ROOT, 'node_modules/.bin', name);

if (process.argv.includes('--if-stale')) {
  const reason = staleReason();
  if (!reason) process.exit(0);
  process.stderr.write(`Building the client and the server (${reason})...\n`);
}
rmSync(STAMP, { force: true });
run([bin('vite'), 'build', '--logLevel', 'warn']);
// tsc writes over what is there but never deletes: a module removed from the source would stay.
for (const dir of ['server', 'shared']) rmSync(join(DIST, dir), { recursive: true, force: true });
run([bin('tsc'), '-p', 'tsconfig.server.json']);
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
process.stdout.write('Built dist/client and dist/server.\n');
