import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../server/metrics/metrics.js';
import { parseExposition, samplesOf, valueOf } from '../support/prometheus.js';

const read = async (metrics: ReturnType<typeof createMetrics>) =>
  parseExposition((await metrics.exposition()).body);

describe('createMetrics', () => {
  it('M3 keeps each app its own figures, with the process figures in each', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.commandAnswered('queue:raise-hand', 'ok');
    a.commandAnswered('queue:raise-hand', 'ok');
    b.commandAnswered('queue:raise-hand', 'forbidden');
    const [fromA, fromB] = [await read(a), await read(b)];
    const commands = 'openfloor_socket_commands_total';
    expect(valueOf(fromA, commands, { command: 'queue:raise-hand', outcome: 'ok' })).toBe(2);
    expect(valueOf(fromA, commands, { outcome: 'forbidden' })).toBeUndefined();
    expect(valueOf(fromB, commands, { command: 'queue:raise-hand', outcome: 'forbidden' })).toBe(1);
    for (const samples of [fromA, fromB]) {
      expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(samplesOf(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
    }
  });

  it('M2 counts the sockets of each session at each scrape, and drops a session left empty', async () => {
    const metrics = createMetrics();
    let sockets = [
      { data: { sessionId: 's1' } },
      { data: { sessionId: 's1' } },
      { data: { sessionId: 's2' } },
    ];
    metrics.countSockets(() => sockets);
    let samples = await read(metrics);
    expect(valueOf(samples, 'openfloor_connected_sockets')).toBe(3);
    expect(valueOf(samples, 'openfloor_session_connected_sockets', { session: 's1' })).toBe(2);
    expect(valueOf(samples, 'openfloor_session_connected_sockets', { session: 's2' })).toBe(1);
    sockets = [{ data: { sessionId: 's2' } }];
    samples = await read(metrics);
    expect(valueOf(samples, 'openfloor_connected_sockets')).toBe(1);
    expect(samplesOf(samples, 'openfloor_session_connected_sockets')).toEqual([
      { name: 'openfloor_session_connected_sockets', labels: { session: 's2' }, value: 1 },
    ]);
  });

  it('times caption delivery and store queries in seconds', async () => {
    const metrics = createMetrics();
    metrics.captionDelivered('line', performance.now() - 40);
    metrics.storeQueried(3, true);
    metrics.storeQueried(700, false);
    const samples = await read(metrics);
    const delivery = 'openfloor_caption_delivery_seconds';
    expect(valueOf(samples, `${delivery}_count`, { kind: 'line' })).toBe(1);
    expect(valueOf(samples, `${delivery}_sum`, { kind: 'line' })).toBeGreaterThanOrEqual(0.04);
    expect(valueOf(samples, `${delivery}_bucket`, { kind: 'line', le: '0.025' })).toBe(0);
    expect(valueOf(samples, `${delivery}_bucket`, { kind: 'line', le: '0.05' })).toBe(1);
    expect(valueOf(samples, `${delivery}_count`, { kind: 'partial' })).toBe(0);
    const store = 'openfloor_store_query_duration_seconds';
    expect(valueOf(samples, `${store}_sum`, { outcome: 'ok' })).toBe(0.003);
    expect(valueOf(samples, `${store}_bucket`, { outcome: 'error', le: '0.5' })).toBe(0);
    expect(valueOf(samples, `${store}_bucket`, { outcome: 'error', le: '1' })).toBe(1);
  });

  it('counts caption POSTs by outcome and status', async () => {
    const metrics = createMetrics();
    metrics.ingestAnswered('accepted', 200);
    metrics.ingestAnswered('refused', 429);
    const samples = await read(metrics);
    const posts = 'openfloor_caption_ingest_posts_total';
    expect(valueOf(samples, posts, { outcome: 'accepted', status: '200' })).toBe(1);
    expect(valueOf(samples, posts, { outcome: 'refused', status: '429' })).toBe(1);
  });
});
