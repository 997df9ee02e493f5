import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { metricsAccess, type MetricsRequest } from '../../server/metrics/access.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const request = (r: Partial<MetricsRequest>): MetricsRequest => ({
  remoteAddress: '127.0.0.1',
  forwarded: false,
  authorization: undefined,
  ...r,
});

describe('M1 who may read /metrics without METRICS_TOKEN', () => {
  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'a direct request from %s is answered',
    (remoteAddress) => {
      expect(metricsAccess(request({ remoteAddress }), null)).toEqual({ ok: true });
    },
  );

  it.each([
    ['another machine', { remoteAddress: '203.0.113.7' }],
    ['a private address', { remoteAddress: '10.0.0.5' }],
    ['a mapped private address', { remoteAddress: '::ffff:192.168.1.20' }],
    ['a loopback look-alike', { remoteAddress: '127.0.0.1.example.org' }],
    ['an unknown peer', { remoteAddress: undefined }],
    ['a proxy on this machine', { forwarded: true }],
    ['a proxy, even with a bearer', { forwarded: true, authorization: `Bearer ${TOKEN}` }],
  ])('%s is refused with 403 and the way to allow it', (_, r) => {
    const access = metricsAccess(request(r), null);
    expect(access).toMatchObject({ ok: false, status: 403 });
    expect(access.ok || access.message).toMatch(/loopback.*METRICS_TOKEN/s);
  });
});

describe('M1 who may read /metrics with METRICS_TOKEN', () => {
  it.each([
    ['from another machine', { remoteAddress: '203.0.113.7' }],
    ['through a proxy', { forwarded: true }],
    ['from loopback', {}],
  ])('the right bearer is answered %s', (_, r) => {
    expect(metricsAccess(request({ ...r, authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ ok: true });
  });

  it('the scheme is case-insensitive, as HTTP says', () => {
    expect(metricsAccess(request({ authorization: `bearer ${TOKEN}` }), TOKEN)).toEqual({ ok: true });
  });

  it.each([
    ['no Authorization, even from loopback', undefined],
    ['a wrong token', 'Bearer metrics-token-0123456789abcdeX'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token without the scheme', TOKEN],
    ['another scheme', `Basic ${TOKEN}`],
  ])('%s is refused with 401 and what to send', (_, authorization) => {
    const access = metricsAccess(request({ authorization }), TOKEN);
    expect(access).toMatchObject({ ok: false, status: 401 });
    expect(access.ok || access.message).toMatch(/Authorization: Bearer/);
  });
});

describe('METRICS_TOKEN', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'openfloor-metrics-config-'));

  it('is optional: unset or empty, only loopback may read the metrics', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).metricsToken).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: '' }).metricsToken).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
  });

  it('refuses a token short enough to guess, with a clear message', () => {
    const load = () => loadConfig({ DATA_DIR: dataDir(), METRICS_TOKEN: 'short' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/METRICS_TOKEN: must be at least 24 characters/);
  });
});
