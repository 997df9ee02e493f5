import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readOrCreateSecret } from '../../server/config.js';
import { openDb } from '../../server/store/db.js';

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
    [{ SMTP_URL: 'http://mail.example.org' }, /SMTP_URL: must be an smtp/],
    [{ MAIL_FROM: 'OpenFloor <a@b.org>\r\nBcc: x@y.org' }, /MAIL_FROM/],
    [{ REMINDER_HOURS: '-1' }, /REMINDER_HOURS/],
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

  it('sends mail through SMTP_URL when set, else to DATA_DIR/outbox, and reminds 24 hours ahead by default', () => {
    const dir = fresh();
    expect(loadConfig({ DATA_DIR: dir }).mail).toEqual({
      smtpUrl: null,
      from: 'OpenFloor <no-reply@localhost>',
      outbox: join(dir, 'outbox'),
      reminderWindowMs: 24 * 3_600_000,
    });
    const smtp = loadConfig({
      DATA_DIR: dir,
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      MAIL_FROM: 'Listening sessions <sessions@example.org>',
      REMINDER_HOURS: '0',
    }).mail;
    expect(smtp).toMatchObject({ smtpUrl: 'smtps://user:pass@mail.example.org:465', reminderWindowMs: 0 });
  });
});

// Refusals as another user and on a read-only mount need a real process: tests/process/startup.test.ts.
describe('a DATA_DIR that cannot be used', () => {
  it('names the file a path runs into, and what to do', () => {
    const file = join(fresh(), 'not-a-folder');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(
      new ConfigError(
        `DATA_DIR ${dataDir} cannot be used: ${file} is a file, not a directory, so nothing can be ` +
          `created under it.\nSet DATA_DIR to a path under a directory, or move ${file} away.`,
      ),
    );
  });

  it('says when DATA_DIR itself is a file', () => {
    const file = join(fresh(), 'data');
    writeFileSync(file, '');
    expect(() => loadConfig({ DATA_DIR: file })).toThrow(`DATA_DIR ${file} cannot be used: it is a file`);
  });

  it('leaves no trace of its write test', () => {
    const dir = fresh();
    loadConfig({ DATA_DIR: dir });
    expect(readdirSync(dir).sort()).toEqual(['livekit-api-key', 'livekit-api-secret', 'organizer-token']);
  });

  it('explains a secret or a store that is a folder instead of SQLite\'s "unable to open database file"', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'link-secret'));
    mkdirSync(join(dir, 'openfloor.sqlite'));
    expect(() => readOrCreateSecret(dir, 'link-secret')).toThrow(
      `DATA_DIR ${dir} cannot be used: ${join(dir, 'link-secret')} is a directory`,
    );
    await expect(openDb(dir)).rejects.toThrow(
      new ConfigError(
        `DATA_DIR ${dir} cannot be used: ${join(dir, 'openfloor.sqlite')} is a directory, where OpenFloor ` +
          `keeps a file.\nMove ${join(dir, 'openfloor.sqlite')} away.`,
      ),
    );
  });
});
