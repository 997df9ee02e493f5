import type { MediaReader } from './mediaReader.js';
import { uintOf, UnreadableMedia } from './mediaReader.js';

// W15: how long an MP4 (ISO BMFF) video plays. A whole file says it in its movie header (`mvhd`)
// and in each track's sample table (`stts`); a fragmented one, as Chromium's MediaRecorder writes,
// in its fragments (`moof`: each track's decode time, `tfdt`, and its samples' durations, `trun`,
// or the defaults of `tfhd` and `trex`). The longest of them all is the video's length, so that
// neither a header nor the samples can make a long video pass for a short one.
//
// The walk reads every box header in order, enters the boxes that hold what it needs and skips
// the rest; each track's boxes come inside its own `trak` or `traf`, after which the next starts.

/** Boxes whose children the walk reads. */
const ENTERED = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf']);

/** Boxes read whole, each at most READ_MAX_BYTES. */
const READ = new Set(['mvhd', 'mehd', 'tkhd', 'mdhd', 'stts', 'trex', 'tfhd', 'tfdt', 'trun']);

/** A duration field that means "not known" (every bit set). */
const unknown = (value: number, bytes: number) => value === 2 ** (8 * bytes) - 1;

interface Track {
  timescale: number;
  /** Ticks of the samples listed in the movie itself (`stts`). */
  listed: number;
  /** Ticks at the end of the latest fragment, and where a fragment without `tfdt` starts. */
  fragmentEnd: number;
  /** `trex`: a sample's duration when a fragment states none. */
  sampleDuration: number;
}

class Movie {
  timescale = 0;
  duration = 0; // in the movie's timescale: mvhd's, or mehd's for the fragments
  readonly tracks = new Map<number, Track>();
  trak: { id?: number; timescale?: number; listed?: number } = {};
  traf: { id?: number; sampleDuration?: number; cursor?: number } = {};

  track(id: number): Track {
    let track = this.tracks.get(id);
    if (!track) {
      track = { timescale: 0, listed: 0, fragmentEnd: 0, sampleDuration: 0 };
      this.tracks.set(id, track);
    }
    return track;
  }

  /** What the current `trak` has said so far, given to its track once its id is known. */
  keepTrak(said: { timescale?: number; listed?: number }): void {
    Object.assign(this.trak, said);
    const { id, timescale, listed } = this.trak;
    if (id === undefined) return;
    const track = this.track(id);
    if (timescale !== undefined) track.timescale = timescale;
    if (listed !== undefined) track.listed = listed;
  }

  /** The video's length in seconds: the longest the movie header or any track says. */
  length(): number {
    let seconds = this.timescale > 0 ? this.duration / this.timescale : 0;
    for (const t of this.tracks.values()) {
      const ticks = Math.max(t.listed, t.fragmentEnd);
      if (ticks > 0 && t.timescale === 0) throw new UnreadableMedia('a track without a timescale');
      if (ticks > 0) seconds = Math.max(seconds, ticks / t.timescale);
    }
    return seconds;
  }
}

/** A full box's version and flags, and a reader of its fields after them. */
function fields(body: Uint8Array) {
  let at = 4;
  return {
    version: body[0] ?? 0,
    flags: uintOf(body, 1, 3),
    next: (bytes: number) => {
      const value = uintOf(body, at, bytes);
      at += bytes;
      return value;
    },
    get at() {
      return at;
    },
  };
}

/** `trun`: its samples' durations added to the fragment's track. */
function readTrun(body: Uint8Array, m: Movie): void {
  const f = fields(body);
  const count = f.next(4);
  if (f.flags & 0x1) f.next(4); // data offset
  if (f.flags & 0x4) f.next(4); // first sample's flags
  const perSample = [0x100, 0x200, 0x400, 0x800].filter((bit) => f.flags & bit).length * 4;
  if (f.at + count * perSample > body.length) throw new UnreadableMedia('a trun past its box');
  if (m.traf.id === undefined) throw new UnreadableMedia('a trun before its tfhd');
  const track = m.tracks.get(m.traf.id);
  if (!track) throw new UnreadableMedia('a fragment of a track the movie does not have');
  let ticks = 0;
  if (f.flags & 0x100) {
    for (let i = 0; i < count; i++) ticks += uintOf(body, f.at + i * perSample, 4);
  } else {
    ticks = count * (m.traf.sampleDuration ?? track.sampleDuration);
  }
  const start = m.traf.cursor ?? track.fragmentEnd;
  m.traf.cursor = start + ticks;
  track.fragmentEnd = Math.max(track.fragmentEnd, m.traf.cursor);
}

/** Reads one box the walk needs into the movie. */
function readBox(type: string, body: Uint8Array, m: Movie): void {
  const f = fields(body);
  const wide = f.version === 1 ? 8 : 4; // version 1 has 64-bit times
  switch (type) {
    case 'mvhd': {
      f.next(wide * 2); // creation and modification times
      m.timescale = f.next(4);
      const duration = f.next(wide);
      if (!unknown(duration, wide)) m.duration = Math.max(m.duration, duration);
      return;
    }
    case 'mehd': {
      const duration = f.next(wide);
      if (!unknown(duration, wide)) m.duration = Math.max(m.duration, duration);
      return;
    }
    case 'tkhd': {
      f.next(wide * 2);
      m.trak.id = f.next(4);
      m.keepTrak({});
      return;
    }
    // mdhd and stts come after tkhd in a well-made trak; kept for it in either order.
    case 'mdhd':
      f.next(wide * 2);
      return m.keepTrak({ timescale: f.next(4) });
    case 'stts': {
      let listed = 0;
      for (let n = f.next(4); n > 0; n--) listed += f.next(4) * f.next(4);
      return m.keepTrak({ listed });
    }
    case 'trex': {
      const track = m.track(f.next(4));
      f.next(4); // sample description index
      track.sampleDuration = f.next(4);
      return;
    }
    case 'tfhd': {
      m.traf.id = f.next(4);
      if (f.flags & 0x1) f.next(8); // base data offset
      if (f.flags & 0x2) f.next(4); // sample description index
      if (f.flags & 0x8) m.traf.sampleDuration = f.next(4);
      return;
    }
    case 'tfdt':
      m.traf.cursor = f.next(wide);
      return;
    case 'trun':
      return readTrun(body, m);
  }
}

/** A box's type and the size of its body, or null for a body that runs to the end of the file. */
async function readHeader(r: MediaReader): Promise<{ type: string; size: number | null }> {
  const head = await r.read(8);
  const type = String.fromCharCode(...head.subarray(4));
  let size = uintOf(head, 0, 4);
  if (size === 0) return { type, size: null };
  let header = 8;
  if (size === 1) {
    size = uintOf(await r.read(8));
    header = 16;
  }
  if (size < header) throw new UnreadableMedia(`a ${JSON.stringify(type)} box smaller than its header`);
  return { type, size: size - header };
}

/** How long an MP4 video plays, in seconds, or UnreadableMedia. */
export async function mp4Duration(r: MediaReader): Promise<number> {
  const m = new Movie();
  while (!(await r.atEnd())) {
    r.count();
    const { type, size } = await readHeader(r);
    if (type === 'trak') m.trak = {};
    if (type === 'traf') m.traf = {};
    if (ENTERED.has(type)) continue;
    if (size === null) {
      if (READ.has(type)) throw new UnreadableMedia(`a ${type} box to the end of the file`);
      await r.skipToEnd();
    } else if (READ.has(type)) {
      readBox(type, await r.read(size), m);
    } else {
      await r.skip(size);
    }
  }
  const seconds = m.length();
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UnreadableMedia('no length in the movie');
  return seconds;
}
