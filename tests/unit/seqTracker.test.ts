import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeqTracker } from '../../client/src/captions/seqTracker.js';

describe('the unbroken run of caption lines a page holds (C8)', () => {
  it('asks to catch up from the end of the run when a line skips numbers, and closes the gap when they come', () => {
    const t = createSeqTracker();
    expect(t.add(3)).toBeNull(); // nothing followed yet: the first catch-up decides where the run starts
    t.start(4);
    expect(t.add(5)).toBeNull();
    expect(t.add(7)).toBe(5);
    expect(t.add(9)).toBe(5);
    expect(t.upTo()).toBe(5);
    expect(t.add(6)).toBeNull();
    expect(t.upTo()).toBe(7);
    expect(t.add(8)).toBeNull();
    expect(t.upTo()).toBe(9);
    expect(t.add(8)).toBeNull(); // a repeat changes nothing
  });

  it('whatever order and repeats 1..n arrive in, the run ends at n once all have come', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              [...Array(n).keys()].map((i) => i + 1),
              { minLength: n },
            ),
            fc.array(fc.integer({ min: 1, max: n })),
          ),
        ),
        ([n, order, repeats]) => {
          const t = createSeqTracker();
          t.start(0);
          for (const seq of [...order, ...repeats]) {
            const from = t.add(seq);
            // A catch-up is asked from the end of the run, which is below the line that came.
            if (from !== null) expect(from).toBeLessThan(seq);
          }
          expect(t.upTo()).toBe(n);
        },
      ),
    );
  });
});
