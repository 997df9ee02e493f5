/**
 * Which caption lines a page holds without a gap (C8). Lines arrive live, by catch-up, twice, or
 * out of order (broadcasts from two servers can overtake each other, and a server that dies may
 * take a broadcast with it); this says where the unbroken run ends and where to catch up from.
 */
export function createSeqTracker() {
  /** Every line up to this seq is held; null until the first catch-up answers. */
  let upTo: number | null = null;
  /** Lines held beyond a gap. */
  const ahead = new Set<number>();
  return {
    /** The first catch-up answered: the page follows the lines after `seq`. */
    start(seq: number) {
      if (upTo === null) upTo = seq;
    },
    /** Records a line; returns the seq to catch up from when lines before it are missing, else null. */
    add(seq: number): number | null {
      if (upTo === null || seq <= upTo) return null;
      if (seq > upTo + 1) {
        ahead.add(seq);
        return upTo;
      }
      upTo = seq;
      while (ahead.delete(upTo + 1)) upTo++;
      return null;
    },
    /** The end of the unbroken run, or null before the first catch-up. */
    upTo: () => upTo,
  };
}

export type SeqTracker = ReturnType<typeof createSeqTracker>;
