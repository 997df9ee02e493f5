// W15: the bytes of an uploaded video, read forward once from the storage. The readers of the two
// formats (webmDuration.ts, mp4Duration.ts) ask only for what they need, a few bytes at a time, and
// skip the rest: a file of hundreds of megabytes is never held in memory.

/**
 * A video whose length cannot be read: cut short, malformed, or of a shape these readers do not
 * know. The only error the readers throw, whatever the bytes (tests/unit/mediaDuration.test.ts).
 */
export class UnreadableMedia extends Error {}

/** The most one read asks for: the largest box or element read whole (an MP4 `trun`, `stts`). */
export const READ_MAX_BYTES = 16 * 1024 * 1024;

/** The most boxes or elements one file may hold: a 15-minute recording has about 100,000. */
export const ELEMENTS_MAX = 1_000_000;

/** Reads a stream of bytes forward: exact reads and skips, never past its end. */
export class MediaReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private at = 0;
  private done = false;
  private elements = 0;
  /** How many bytes have been read or skipped. */
  position = 0;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** A reader of these chunks, as a stored file or a test's buffer gives them. */
  static of(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): MediaReader {
    if (Symbol.asyncIterator in chunks) return new MediaReader(chunks[Symbol.asyncIterator]());
    const iterator = chunks[Symbol.iterator]();
    return new MediaReader({ next: () => Promise.resolve(iterator.next()) });
  }

  /** Whether bytes are left to read; fetches the next chunk when the current one is spent. */
  private async fill(): Promise<boolean> {
    while (this.at >= this.chunk.length) {
      if (this.done) return false;
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        return false;
      }
      this.chunk = next.value;
      this.at = 0;
    }
    return true;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /** Counts one more box or element of the walk; a file of more is refused, not walked for ever. */
  count(): void {
    if (++this.elements > ELEMENTS_MAX) throw new UnreadableMedia('too many elements');
  }

  /** Exactly `n` bytes, or UnreadableMedia when the file ends first. */
  async read(n: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(n) || n < 0 || n > READ_MAX_BYTES) {
      throw new UnreadableMedia(`a read of ${n} bytes`);
    }
    const out = new Uint8Array(n);
    for (let got = 0; got < n;) {
      if (!(await this.fill())) throw new UnreadableMedia('the file ends inside an element');
      const take = Math.min(n - got, this.chunk.length - this.at);
      out.set(this.chunk.subarray(this.at, this.at + take), got);
      this.at += take;
      got += take;
    }
    this.position += n;
    return out;
  }

  /** One byte, or UnreadableMedia at the end. */
  async byte(): Promise<number> {
    return (await this.read(1))[0]!;
  }

  /** Passes over `n` bytes, or throws UnreadableMedia when the file ends first. */
  async skip(n: number): Promise<void> {
    if (!Number.isSafeInteger(n) || n < 0) throw new UnreadableMedia(`a skip of ${n} bytes`);
    for (let left = n; left > 0;) {
      if (!(await this.fill())) throw new UnreadableMedia('the file ends inside an element');
      const take = Math.min(left, this.chunk.length - this.at);
      this.at += take;
      left -= take;
    }
    this.position += n;
  }

  /** Passes over whatever is left. */
  async skipToEnd(): Promise<void> {
    while (await this.fill()) {
      this.position += this.chunk.length - this.at;
      this.at = this.chunk.length;
    }
  }
}

/** An unsigned big-endian integer of 1 to 8 bytes (as a number: exact up to 2^53). */
export function uintOf(bytes: Uint8Array, from = 0, length = bytes.length - from): number {
  if (from + length > bytes.length) throw new UnreadableMedia('a field past its element');
  let value = 0;
  for (let i = from; i < from + length; i++) value = value * 256 + bytes[i]!;
  return value;
}
