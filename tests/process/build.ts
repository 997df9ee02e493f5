// The process tests run the build (dist/server) as operators do: bring it up to date first. npm
// test has just built it, so this is a check that costs a second; a direct run builds what changed.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const { status } = spawnSync('node_modules/.bin/tsx', ['scripts/build.ts', '--if-stale'], {
    stdio: 'inherit',
  });
  if (status !== 0) throw new Error('The build failed (npm run build): the process tests need it.');
}
