import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLineSender,
  MIN_GAP_MS,
  QUIET_MS,
  SEND_WITHIN_MS,
} from '../../client/src/captions/lineSender.js';

/** A sender whose server answers each command after `answerMs`, recording what it got and when. */
function setUp(answerMs = 5) {
  const got: { what: string; at: number }[] = [];
  const answer = (what: string) => {
    got.push({ what, at: Date.now() });
    return new Promise<void>((resolve) => setTimeout(resolve, answerMs));
  };
  const sender = createLineSender<string>({ update: (text) => answer(text), now: () => Date.now() });
  return { got, sender, commit: () => sender.commit(() => answer('COMMIT')) };
}

describe('the console sends the line in progress', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('a word typed in one burst goes as soon as the writer pauses, not 100 ms later', async () => {
    const { got, sender } = setUp();
    for (const [i, text] of ['h', 'he', 'hel', 'hell', 'hello'].entries()) {
      vi.setSystemTime(i * 2);
      sender.change(text);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(got).toEqual([{ what: 'hello', at: 8 + QUIET_MS }]);
  });

  it('steady typing goes at most every 100 ms, the first key as soon as the writer pauses', async () => {
    const { got, sender } = setUp();
    let text = '';
    for (let t = 0; t < 1000; t += 40) {
      await vi.advanceTimersByTimeAsync(t - Date.now());
      sender.change((text += 'a'));
    }
    await vi.advanceTimersByTimeAsync(500);
    const times = got.map((g) => g.at);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(times[0]).toBe(QUIET_MS);
    expect(got.at(-1)!.what).toBe(text);
  });

  it('behind a slow answer only the newest text waits: no backlog of stale lines', async () => {
    const { got, sender } = setUp(1000);
    let text = '';
    for (let t = 0; t < 900; t += 40) {
      await vi.advanceTimersByTimeAsync(t - Date.now());
      sender.change((text += 'a'));
    }
    await vi.advanceTimersByTimeAsync(3000);
    // The first change, then (after its answer, 1 s later) the newest text in one change.
    expect(got.map((g) => g.what.length)).toEqual([1, text.length]);
    expect(got[1]!.at).toBe(QUIET_MS + 1000);
  });

  it('a commit goes after the change before it, and the next line never joins that change', async () => {
    const { got, sender, commit } = setUp(300);
    sender.change('first line');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    sender.change('first line done');
    commit();
    sender.change('second');
    await vi.advanceTimersByTimeAsync(2000);
    expect(got.map((g) => g.what)).toEqual(['first line', 'first line done', 'COMMIT', 'second']);
  });

  it('a failed command does not stop the ones after it', async () => {
    const got: string[] = [];
    const sender = createLineSender<string>({
      update: (text) => {
        got.push(text);
        return text === 'boom' ? Promise.reject(new Error('lost')) : Promise.resolve();
      },
      now: () => Date.now(),
    });
    sender.change('boom');
    await vi.advanceTimersByTimeAsync(200);
    sender.commit(() => Promise.resolve(void got.push('COMMIT')));
    await vi.advanceTimersByTimeAsync(200);
    expect(got).toEqual(['boom', 'COMMIT']);
  });
});

describe('without a pause', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('keys 10 ms apart still go within 100 ms of the first unsent one', async () => {
    const { got, sender } = setUp();
    let text = '';
    for (let t = 0; t < 300; t += 10) {
      await vi.advanceTimersByTimeAsync(t - Date.now());
      sender.change((text += 'a'));
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(got[0]).toEqual({ what: 'a'.repeat(10), at: SEND_WITHIN_MS });
    expect(got.at(-1)!.what).toBe(text);
  });
});
