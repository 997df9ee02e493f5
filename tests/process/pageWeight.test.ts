// The public pages of the build do not load the LiveKit client, and the registration forms not
// classic Zod (issue 14): read from the Vite manifest of the client that tests/process/build.ts has
// just built.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.js';
import { LIVEKIT_CHUNK, pageLoad, PAGES, readManifest, scriptsOf } from '../../scripts/bench/pageScripts.js';

const CLIENT_DIR = join(PROJECT_ROOT, 'dist/client');
const manifest = readManifest(CLIENT_DIR);
// Classic Zod's own classes, by the names it gives them (zod/mini's are ZodMini..., the core's $Zod...).
const CLASSIC_ZOD = /[`'"]Zod(?:Type|String|Object)[`'"]/;
const pageNamed = (name: string) => PAGES.find((p) => p.page === name)!;

describe('page weight', () => {
  it('the LiveKit client is a chunk of its own in the manifest, loaded by the room', () => {
    const chunks = pageLoad(manifest, pageNamed('room')).chunks.map((k) => manifest[k]!.name);
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

  // The forms leave their checking to the server: classic Zod would be a fifth of their weight.
  it.each(['registration', 'manage'])('the %s form loads no classic Zod, even on use', (page) => {
    const { chunks, onUse } = pageLoad(manifest, pageNamed(page));
    const classic = scriptsOf(manifest, [...chunks, ...onUse]).filter((file) =>
      CLASSIC_ZOD.test(readFileSync(join(CLIENT_DIR, file), 'utf8')),
    );
    expect(classic).toEqual([]);
  });

  it('classic Zod is found where it is loaded (the room)', () => {
    const { chunks } = pageLoad(manifest, pageNamed('room'));
    const files = scriptsOf(manifest, chunks).map((file) => readFileSync(join(CLIENT_DIR, file), 'utf8'));
    expect(files.some((code) => CLASSIC_ZOD.test(code))).toBe(true);
  });
});
