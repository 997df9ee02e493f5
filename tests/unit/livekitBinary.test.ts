import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveKitBinary, HOW_TO_GET_LIVEKIT } from '../../server/livekit/binary.js';

describe('findLiveKitBinary', () => {
  it('prefers a livekit-server on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfloor-path-'));
    const binary = join(dir, 'livekit-server');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    expect(findLiveKitBinary({ PATH: `/nonexistent:${dir}` })).toBe(binary);
  });

  it('ignores a file on PATH that is not executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfloor-path-'));
    writeFileSync(join(dir, 'livekit-server'), 'not a program');
    expect(findLiveKitBinary({ PATH: dir })).not.toBe(join(dir, 'livekit-server'));
  });

  it('names every way to get one when none is found', () => {
    for (const way of ['go install', 'brew install livekit', 'get.livekit.io', 'LIVEKIT_URL']) {
      expect(HOW_TO_GET_LIVEKIT).toContain(way);
    }
  });
});
