import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const LIVEKIT_VERSION = 'v1.13.5';
export const TOOLS_BIN = join(PROJECT_ROOT, '.tools/bin');
const LOCAL_BINARY = join(TOOLS_BIN, 'livekit-server');

export const HOW_TO_GET_LIVEKIT = [
  'No livekit-server could be found or built. Any one of these fixes it:',
  '  - install Go 1.26+ and run again (it builds into .tools/bin once), or',
  `    GOBIN="$PWD/.tools/bin" go install github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`,
  '    && mv .tools/bin/server .tools/bin/livekit-server',
  "  - brew install livekit, or LiveKit's install script: curl -sSL https://get.livekit.io | bash",
  '  - point LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET at an existing LiveKit server.',
].join('\n');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A livekit-server on PATH, else the one built into .tools/bin, else null. */
export function findLiveKitBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'livekit-server'))) return join(dir, 'livekit-server');
  }
  return isExecutable(LOCAL_BINARY) ? LOCAL_BINARY : null;
}

/**
 * Builds livekit-server with the Go toolchain into .tools/bin (minutes, once).
 * Returns the binary's path, or null with the reason when Go is missing or the build fails.
 */
export function buildLiveKitBinary(log: (line: string) => void): { path: string } | { error: string } {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return { error: 'the Go toolchain (go) is not installed' };
  mkdirSync(TOOLS_BIN, { recursive: true });
  log(
    `Building livekit-server ${LIVEKIT_VERSION} with ${go.stdout.trim()} into .tools/bin (once; takes minutes)...`,
  );
  const build = spawnSync(
    'go',
    ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`],
    { stdio: 'inherit', env: { ...process.env, GOBIN: TOOLS_BIN, CGO_ENABLED: '0' } },
  );
  const built = join(TOOLS_BIN, 'server');
  if (build.status !== 0 || !existsSync(built)) return { error: `go install exited with ${build.status}` };
  renameSync(built, LOCAL_BINARY);
  return { path: LOCAL_BINARY };
}

/** Finds livekit-server or builds it; null (after logging how to get one) when neither works. */
export function ensureLiveKitBinary(log: (line: string) => void): string | null {
  const found = findLiveKitBinary();
  if (found) return found;
  const built = buildLiveKitBinary(log);
  if ('path' in built) return built.path;
  log(`Could not build livekit-server: ${built.error}.\n${HOW_TO_GET_LIVEKIT}`);
  return null;
}
