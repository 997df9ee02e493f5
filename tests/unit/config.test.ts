import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'openfloor-config-'));

describe('loadConfig', () => {
  it('uses the embedded defaults and generates an organizer token once', () => {
    const dir = fresh();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.port).toBe(3000);
    expect(first.organizerTokenCreated).toBe(true);
    expect(first.livekit.url).toBeNull();
    expect(first.databaseUrl).toBeNull();
    expect(readFileSync(join(dir, 'organizer-token'), 'utf8').trim()).toBe(first.organizerToken);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.organizerTokenCreated).toBe(false);
    expect(second.organizerToken).toBe(first.organizerToken);
    expect(second.livekit.apiSecret).toBe(first.livekit.apiSecret);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ ORGANIZER_TOKEN: 'short' }, /ORGANIZER_TOKEN: must be at least 24/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
    [{ DATABASE_URL: 'mysql://db.example.org/openfloor' }, /DATABASE_URL/],
    [{ LIVEKIT_URL: 'wss://lk.example.org' }, /LIVEKIT_URL needs LIVEKIT_API_KEY/],
    [{ LIVEKIT_API_KEY: 'k' }, /both LIVEKIT_API_KEY and LIVEKIT_API_SECRET/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: fresh(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: fresh(), ...env })).toThrow(message);
  });

  it('takes given values and treats empty ones as unset', () => {
    const config = loadConfig({
      DATA_DIR: fresh(),
      PORT: '',
      PUBLIC_URL: 'https://floor.example.org/',
      LIVEKIT_URL: 'wss://lk.example.org',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({ port: 3000, publicUrl: 'https://floor.example.org' });
    expect(config.livekit).toEqual({ url: 'wss://lk.example.org', apiKey: 'key', apiSecret: 'x'.repeat(32) });
  });
});
