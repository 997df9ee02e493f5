// When the console sends the line in progress, and how its commands queue. Measured with
// `npm run bench:caption-paint`: a fixed 100 ms timer from the first unsent key made every word of
// a steno burst wait ~100 ms, and sending each change after the answer to the one before let a
// slow server pile up a backlog of stale texts that viewers then saw one after another.

/** A change waits at most this long from its first unsent key... */
export const SEND_WITHIN_MS = 100;
/** ...or goes as soon as the writer pauses this long (a steno writer sends a word in one burst)... */
export const QUIET_MS = 20;
/** ...but never sooner than this after the change before: at most 10 a second, as before. */
export const MIN_GAP_MS = 100;

export interface LineSenderIo<U> {
  /** Sends a change of the line in progress; resolves with the server's answer. */
  update(change: U): Promise<void>;
  /** The clock, in ms (performance.now() unless a test gives another). */
  now?: () => number;
}

/**
 * The console's outgoing line: changes are sent after a pause or within SEND_WITHIN_MS, commands
 * go one after another (a commit never overtakes the change before it), and while one change is
 * on its way only the newest waits behind it: viewers get the current line, not a backlog.
 */
export function createLineSender<U>(io: LineSenderIo<U>) {
  const now = io.now ?? (() => performance.now());
  let chain: Promise<void> = Promise.resolve();
  // The change waiting behind the command in flight; taken (with its newest text) when its turn comes.
  let waiting: { change: U } | null = null;
  let pending: U | null = null;
  let firstUnsentAt: number | null = null;
  let lastSentAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  // A command that fails (its sender shows why) does not hold up the ones after it.
  const enqueue = (command: () => Promise<void>) => {
    chain = chain.then(command).catch(() => undefined);
  };

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    firstUnsentAt = null;
    if (pending === null) return;
    const change = pending;
    pending = null;
    lastSentAt = now();
    if (waiting) {
      waiting.change = change;
      return;
    }
    const slot = { change };
    waiting = slot;
    enqueue(() => {
      if (waiting === slot) waiting = null;
      return io.update(slot.change);
    });
  }

  return {
    /** The line changed: it is sent within SEND_WITHIN_MS, sooner if the writer pauses. */
    change: (next: U): void => {
      pending = next;
      const at = now();
      firstUnsentAt ??= at;
      const due = Math.max(Math.min(firstUnsentAt + SEND_WITHIN_MS, at + QUIET_MS), lastSentAt + MIN_GAP_MS);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, due - at));
    },
    /** Sends what is unsent now, then the commit after it. */
    commit: (send: () => Promise<void>): void => {
      flush();
      // The next line's changes must not join a change waiting before this commit.
      waiting = null;
      enqueue(send);
    },
    /** Sends what is unsent now (the language or speaker changed, the page is leaving). */
    flush,
    /** Stops the timer (the console is going away). */
    dispose: (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type LineSender<U> = ReturnType<typeof createLineSender<U>>;
