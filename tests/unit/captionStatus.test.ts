import { describe, expect, it } from 'vitest';
import { captionStatus, lagText, PAUSED_AFTER_MS } from '../../client/src/captions/captionStatus.js';
import { EMPTY_FEED, lineArrived, partialArrived } from '../../client/src/captions/feed.js';
import type { Participant } from '../../shared/protocol.js';

const SENT = Date.parse('2026-11-23T15:00:00.000Z');
const cora = (online: boolean): Participant => ({ id: 'cora', name: 'Cora', role: 'captioner', online });

describe('the caption-lag indicator', () => {
  it('measures the lag on the server’s clock: arrival, set by the measured offset, minus the server’s stamp', () => {
    // The page's clock runs 30 s behind the server's; the words arrive 1.2 s after they were stamped.
    const arrival = { at: SENT - 30_000 + 1200, offsetMs: 30_000 };
    const partial = { lang: 'en-US', speaker: 'Sam', text: 'We', at: new Date(SENT).toISOString() };
    const feed = partialArrived(EMPTY_FEED, partial, arrival);
    expect(feed.activity['en-US']).toEqual({ arrivedAt: arrival.at, lagMs: 1200 });
    const line = { seq: 1, lang: 'es-US', speaker: 'Sam', text: 'x', startedAt: partial.at, at: partial.at };
    expect(lineArrived(feed, line, { ...arrival, at: arrival.at - 5000 }).activity['es-US']?.lagMs).toBe(0);
    // History and catch-ups measure nothing.
    expect(lineArrived(EMPTY_FEED, line).activity).toEqual({});
  });

  it('shows the lag while the track is written, and "paused" only once its writer dropped and nothing came', () => {
    const activity = { arrivedAt: 1000, lagMs: 400 };
    expect(captionStatus(activity, cora(true), 1500)).toEqual({ lagMs: 400, paused: false });
    expect(captionStatus(activity, cora(false), 1000 + PAUSED_AFTER_MS - 1)).toEqual({
      lagMs: 400,
      paused: false,
    });
    expect(captionStatus(activity, cora(false), 1000 + PAUSED_AFTER_MS).paused).toBe(true);
    expect(captionStatus(activity, cora(true), 1000 + 10 * PAUSED_AFTER_MS).paused).toBe(false);
    // Software alone (no captioner in the room) is never taken for gone; long silence shows no lag.
    expect(captionStatus(activity, undefined, 1000 + 60_000)).toEqual({ lagMs: null, paused: false });
    expect(captionStatus(undefined, cora(false), 0)).toEqual({ lagMs: null, paused: true });
  });

  it.each([
    [300, 'Captions are less than a second behind the captioner.'],
    [1400, 'Captions are about 1 second behind the captioner.'],
    [4600, 'Captions are about 5 seconds behind the captioner.'],
  ])('reads %i ms as %j', (ms, text) => expect(lagText(ms)).toBe(text));
});
