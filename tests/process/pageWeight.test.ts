// The public pages of the build do not load the LiveKit client (issue 14): read from the Vite
// manifest of the client that tests/process/build.ts has just built.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { LIVEKIT_CHUNK, pageLoad, PAGES, readManifest, scriptsOf } from '../../scripts/bench/pageScripts.js';

const manifest = readManifest(join(PROJECT_ROOT, 'dist/client'));

describe('page weight', () => {
  it('the LiveKit client is a chunk of its own in the manifest, loaded by the room', () => {
    const room = PAGES.find((p) => p.page === 'room')!;
    const chunks = pageLoad(manifest, room).chunks.map((k) => manifest[k]!.name);
    expect(chunks).toContain(LIVEKIT_CHUNK);
  });

  it.each(PAGES.filter((p) => p.public).map((p) => [p.page, p] as const))(
    'the %s page loads no LiveKit client, even on use',
    (_page, spec) => {
      const { chunks, onUse } = pageLoad(manifest, spec);
      const livekit = [...chunks, ...onUse].filter((k) => manifest[k]!.name === LIVEKIT_CHUNK);
      expect(scriptsOf(manifest, livekit)).toEqual([]);
    },
  );
});
