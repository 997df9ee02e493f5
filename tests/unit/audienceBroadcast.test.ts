import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUDIENCE_BROADCAST_MS,
  createAudienceBroadcaster,
  publicCountWaitMs,
} from '../../server/room/state.js';
import type { RoomContext } from '../../server/transport/context.js';

/** A room context with just what building and sending a room state reads, recording what is sent. */
function fakeRoom(audience: () => number) {
  const sent: { channel: string; at: number }[] = [];
  const session = {
    id: 's1',
    title: 'T',
    starts_at: '2026-12-01T14:00:00.000Z',
    ends_at: '2026-12-01T15:00:00.000Z',
    time_zone: 'UTC',
    status: 'live',
    active_interpreter_id: null,
  };
  let revision = 0;
  const ctx = {
    repo: { getSession: () => Promise.resolve(session), listJoined: () => Promise.resolve([]) },
    queue: { floor: () => Promise.resolve(null) },
    presence: {
      localCount: audience,
      onlineAmong: () => Promise.resolve(new Set()),
      onlineCount: () => Promise.resolve(audience()),
    },
    nextRevision: () => ++revision,
    io: { to: (channel: string) => ({ emit: () => sent.push({ channel, at: Date.now() }) }) },
    log: { warn: vi.fn(), error: vi.fn() },
  } as unknown as RoomContext;
  return { ctx, sent, channels: () => sent.map((s) => s.channel.split(':')[0]) };
}

describe('R2 audience comings and goings', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('the public waits longer for its count as it grows, at most 200 messages a second per node', () => {
    expect(publicCountWaitMs(0)).toBe(AUDIENCE_BROADCAST_MS);
    expect(publicCountWaitMs(200)).toBe(AUDIENCE_BROADCAST_MS);
    expect(publicCountWaitMs(201)).toBe(2000);
    expect(publicCountWaitMs(5000)).toBe(25_000);
  });

  it('a small room: one state a second, to the team and the public together', async () => {
    const room = fakeRoom(() => 40);
    const broadcaster = createAudienceBroadcaster(() => room.ctx);
    for (let i = 0; i < 30; i++) broadcaster.schedule('s1');
    await vi.advanceTimersByTimeAsync(AUDIENCE_BROADCAST_MS);
    expect(room.channels().sort()).toEqual(['public', 'team']);
    broadcaster.stop();
  });

  it('a crowd: the team every second, the public once per its longer wait, and never lost', async () => {
    const room = fakeRoom(() => 2000);
    const broadcaster = createAudienceBroadcaster(() => room.ctx);
    // Joins keep coming for 6 s.
    for (let t = 0; t < 6000; t += 100) {
      broadcaster.schedule('s1');
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(6000);
    const team = room.sent.filter((s) => s.channel.startsWith('team')).map((s) => s.at);
    const pub = room.sent.filter((s) => s.channel.startsWith('public')).map((s) => s.at);
    expect(team).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    // publicCountWaitMs(2000) = 10 s: after the first join, and again for the joins that followed.
    expect(pub).toEqual([10_000]);
    broadcaster.stop();
  });

  it('a join storm: the public waits by the audience it has when its wait is up, not when it began', async () => {
    let audience = 0;
    const room = fakeRoom(() => audience);
    const broadcaster = createAudienceBroadcaster(() => room.ctx);
    // 500 joins a second for 4 s, then the room stays as it is.
    for (let t = 0; t < 4000; t += 10) {
      audience += 5;
      broadcaster.schedule('s1');
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    const pub = room.sent.filter((s) => s.channel.startsWith('public'));
    // At 1 s there are 500 people: a 3 s wait from 0, so not yet; at 3 s, 1,500 (8 s); at 8 s,
    // 2,000 (10 s): the first count goes 10 s after it was asked.
    expect(pub.map((s) => s.at)).toEqual([10_000]);
    expect(room.sent.filter((s) => s.channel.startsWith('team'))).toHaveLength(4);
    broadcaster.stop();
  });

  it('stop cancels what waits: nothing touches the store after shutdown', async () => {
    const room = fakeRoom(() => 2000);
    const broadcaster = createAudienceBroadcaster(() => room.ctx);
    broadcaster.schedule('s1');
    broadcaster.stop();
    broadcaster.schedule('s1');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(room.sent).toEqual([]);
  });
});
