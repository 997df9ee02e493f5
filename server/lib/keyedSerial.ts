/**
 * Runs tasks one after another per key (a session), and concurrently across keys, so that
 * read-apply-store-emit sequences never interleave for the same session.
 */
export function createKeyedSerial() {
  const tails = new Map<string, Promise<unknown>>();
  return function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
