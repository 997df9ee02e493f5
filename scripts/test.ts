// `npm test`: every tier, in order: types, lint, unit + integration (the store contract suite
// against SQLite and a PostgreSQL cluster started here), the build (client and server), the server
// process tests on that build, the cluster tests (several nodes of it behind HAProxy, on Redis), then
// the browser tests on a real LiveKit server and Chromium, provisioned here when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLiveKitBinary } from '../server/livekit/binary.js';
import { findProgram } from './cluster/service.js';
import { CHROMIUM_PATH } from '../tests/support/browser.js';
import type { TestOutcomes } from '../tests/support/outcomeReporter.js';
import { postgresBinDir, startPostgres, type Postgres } from '../tests/support/postgres.js';

const bin = (name: string) => `node_modules/.bin/${name}`;
const results: { step: string; ok: boolean; seconds: number; note?: string; outcomes?: TestOutcomes }[] = [];
const reports = mkdtempSync(join(tmpdir(), 'openfloor-test-'));
let reportCount = 0;

/** The outcome reporter's file (tests/support/outcomeReporter.ts), or nothing when it wrote none. */
function outcomesOf(file: string): TestOutcomes {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TestOutcomes;
  } catch {
    return { failed: [], flaky: [] };
  }
}

/** A Vitest step: its output as usual, and its failed and flaky tests named again in the summary. */
function runVitest(step: string, prefix: string[], args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const file = join(reports, `outcomes-${++reportCount}.json`);
  const reporters = ['--reporter=default', '--reporter=./tests/support/outcomeReporter.ts'];
  const ok = run(step, [...prefix, bin('vitest'), ...args, ...reporters], {
    ...env,
    OPENFLOOR_TEST_OUTCOMES: file,
  });
  results[results.length - 1]!.outcomes = outcomesOf(file);
  return ok;
}

function run(step: string, argv: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n=== ${step}: ${argv.join(' ')}\n`);
  const started = Date.now();
  const { status } = spawnSync(argv[0]!, argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  results.push({ step, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  return status === 0;
}

function fail(step: string, note: string): void {
  process.stdout.write(`\n=== ${step}: ${note}\n`);
  results.push({ step, ok: false, seconds: 0, note });
}

const isRoot = process.getuid?.() === 0;

/** A Debian package's program, installed as root when missing; otherwise the package is named. */
function ensureDebianPackage(pkg: string, present: () => boolean, what: string): boolean {
  if (present()) return true;
  if (!isRoot) {
    fail(pkg, `no ${what}: install Debian's ${pkg} (sudo apt-get install -y ${pkg}).`);
    return false;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run(`install ${pkg}`, ['apt-get', 'update', '-qq'], env) &&
    run(`install ${pkg}`, ['apt-get', 'install', '-y', '-qq', pkg], env) &&
    present()
  );
}

const ensureChromium = () =>
  ensureDebianPackage('chromium', () => existsSync(CHROMIUM_PATH), `Chromium at ${CHROMIUM_PATH}`);

/** Redis and HAProxy for the cluster tests (PostgreSQL is provisioned above). */
const ensureClusterParts = () =>
  ensureDebianPackage('redis-server', () => findProgram('redis-server') !== null, 'redis-server') &&
  ensureDebianPackage('haproxy', () => findProgram('haproxy') !== null, 'haproxy');

/** Debian's PostgreSQL for the store contract suite, installed as root when missing, started here. */
async function ensurePostgres(): Promise<Postgres | null> {
  const started = Date.now();
  let binDir = postgresBinDir();
  if (!binDir && isRoot) {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('install postgresql', ['apt-get', 'update', '-qq'], env)) {
      run('install postgresql', ['apt-get', 'install', '-y', '-qq', 'postgresql'], env);
    }
    binDir = postgresBinDir();
  }
  if (!binDir) {
    fail(
      'postgresql',
      "no PostgreSQL server: install Debian's postgresql (sudo apt-get install -y postgresql).",
    );
    return null;
  }
  try {
    const postgres = await startPostgres(binDir);
    results.push({
      step: 'start postgresql',
      ok: true,
      seconds: (Date.now() - started) / 1000,
      note: binDir,
    });
    return postgres;
  } catch (err) {
    fail('postgresql', `could not start a cluster: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** A loopback-only network namespace, so WebRTC media can only travel over 127.0.0.1 (Chromium gathers no ICE candidate there without --allow-loopback-in-peer-connection, set in tests/support/browser.ts). */
function loopbackNamespace(): string[] | null {
  if (process.platform !== 'linux' || !isRoot) return null;
  const probe = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0
    ? ['unshare', '-n', '--', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"']
    : null;
}

run('typecheck', [bin('tsc'), '--noEmit']);
run('lint', [bin('eslint'), '.']);
run('format', [bin('prettier'), '--check', '.']);
const postgres = await ensurePostgres();
// Redis before the integration tests too: two in-process nodes there share one.
const clusterParts = ensureClusterParts();
runVitest('unit and integration', [], ['run', '--project', 'unit', '--project', 'integration'], {
  ...(postgres ? { OPENFLOOR_TEST_DATABASE_URL: postgres.url } : {}),
});
postgres?.stop();
const built = run('build (client and server)', [bin('tsx'), 'scripts/build.ts']);

const provisionStarted = Date.now();
const livekit = ensureLiveKitBinary((line) => process.stdout.write(`${line}\n`));
if (livekit)
  results.push({
    step: 'provision livekit-server',
    ok: true,
    seconds: (Date.now() - provisionStarted) / 1000,
    note: livekit,
  });
else fail('livekit-server', 'not found and could not be built (see above).');
const netns = loopbackNamespace();
if (!netns)
  process.stdout.write('\nNo loopback-only namespace here (needs Linux and root): plain loopback.\n');
// The built server as operators run it: signals, restarts on the same data, refused data folders.
// Its own namespace too: the local LiveKit server it starts has a fixed port.
if (built) runVitest('server processes', netns ?? [], ['run', '--project', 'process']);
// Several nodes of the build on one machine: PostgreSQL, Redis and HAProxy, started by the tests.
if (built && postgresBinDir() && clusterParts) {
  runVitest('cluster (two nodes, Redis, HAProxy)', netns ?? [], ['run', '--project', 'cluster']);
}
const chromium = ensureChromium();
if (built && livekit && chromium) {
  runVitest('browser (real LiveKit, Chromium)', netns ?? [], ['run', '--project', 'e2e']);
}

// The small benchmarks, so every run prints the figures (npm run bench). Speed is measured, not
// asserted: a figure that misses its target does not fail this step, a bench that breaks does.
// The browser benches run themselves in a loopback-only namespace.
if (built && livekit && chromium) run('benchmarks (small sizes)', [bin('tsx'), 'scripts/bench/all.ts']);

process.stdout.write('\n=== summary\n');
for (const r of results) {
  process.stdout.write(
    `${r.ok ? 'pass' : 'FAIL'}  ${r.step.padEnd(36)} ${r.seconds.toFixed(1)} s${r.note ? `  ${r.note}` : ''}\n`,
  );
  // Named again here, at the end, where a truncated log still shows them.
  for (const failure of r.outcomes?.failed ?? []) process.stdout.write(`        ✗ ${failure}\n`);
  for (const flaky of r.outcomes?.flaky ?? [])
    process.stdout.write(`        flaky, passed when tried again: ${flaky}\n`);
}
const failed = results.filter((r) => !r.ok).length;
process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
