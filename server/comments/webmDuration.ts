import type { MediaReader } from './mediaReader.js';
import { uintOf, UnreadableMedia } from './mediaReader.js';

// W15: how long a WebM (Matroska, EBML) video plays. Browsers' MediaRecorder writes no Duration and
// leaves the Segment and each Cluster of unknown size (it cannot know them while it records), so the
// length is what the frames say: the latest frame's end less the earliest frame's start. A Duration
// in the Segment's Info counts too: the longer of the two is the video's length, so that neither a
// header nor the frames can make a long video pass for a short one.
//
// Element ids are unique across Matroska, so the walk needs no tree: it reads every header in order,
// enters the elements that hold what it needs (whatever their size, known or not) and skips the rest.

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  DefaultDuration: 0x23e383,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  BlockDuration: 0x9b,
} as const;

/** Elements whose children the walk reads. Only these may be of unknown size. */
const ENTERED = new Set<number>([ID.Segment, ID.Info, ID.Tracks, ID.TrackEntry, ID.Cluster, ID.BlockGroup]);

const NS_PER_SECOND = 1e9;

/** A variable-length integer's length from its first byte: 1 + its leading zero bits. */
const vintLength = (first: number) => Math.clz32(first) - 23;

/** An element id (1 to 4 bytes, its length marker kept, as the specification writes ids). */
async function readId(r: MediaReader): Promise<number> {
  const first = await r.byte();
  const length = vintLength(first);
  if (length > 4) throw new UnreadableMedia('an element id longer than 4 bytes');
  return uintOf(new Uint8Array([first, ...(await r.read(length - 1))]));
}

/** An element's size (1 to 8 bytes), or null for "unknown" (every value bit set). */
async function readSize(r: MediaReader): Promise<number | null> {
  const first = await r.byte();
  const length = vintLength(first);
  if (length > 8) throw new UnreadableMedia('an element size longer than 8 bytes');
  const rest = await r.read(length - 1);
  const value = uintOf(new Uint8Array([first & (0xff >> length), ...rest]));
  return value === 2 ** (7 * length) - 1 ? null : value;
}

/** What one track's frames say: the latest start, the gap before it, and any stated length. */
interface Track {
  lastStart: number;
  gap: number;
  /** The track's DefaultDuration in seconds, when it has one. */
  frame?: number;
}

/** What the walk has found so far, in seconds. */
class Timeline {
  scale = 1_000_000; // ns a tick: TimecodeScale's default
  infoDuration = 0; // in ticks
  cluster: number | null = null; // the current Cluster's Timecode, in ticks
  earliest = Infinity;
  latestEnd = -Infinity;
  readonly tracks = new Map<number, Track>();
  readonly frames = new Map<number, number>(); // DefaultDuration of each track number, in seconds
  entry: { number?: number; ns?: number } = {};
  group: { start?: number; ticks?: number } = {};

  seconds = (ticks: number) => (ticks * this.scale) / NS_PER_SECOND;

  /** A frame of `track` starting `relative` ticks into the current Cluster; its start in seconds. */
  frame(track: number, relative: number): number {
    if (this.cluster === null) throw new UnreadableMedia('a frame outside a cluster');
    const start = this.seconds(this.cluster + relative);
    const seen = this.tracks.get(track);
    const gap = seen ? Math.max(0, start - seen.lastStart) : 0;
    this.tracks.set(track, { lastStart: Math.max(start, seen?.lastStart ?? -Infinity), gap });
    this.earliest = Math.min(this.earliest, start);
    this.latestEnd = Math.max(this.latestEnd, start);
    return start;
  }

  /** A frame whose length is stated (a BlockGroup's BlockDuration): its end counts as it is. */
  groupEnds(): void {
    const { start, ticks } = this.group;
    if (start !== undefined && ticks !== undefined) {
      this.latestEnd = Math.max(this.latestEnd, start + this.seconds(ticks));
    }
  }

  /** The video's length: the longer of Info's Duration and the span of its frames. */
  length(): number {
    let end = this.latestEnd;
    // The last frame of each track lasts its DefaultDuration, or as long as the frame before it.
    for (const [number, t] of this.tracks)
      end = Math.max(end, t.lastStart + (this.frames.get(number) ?? t.gap));
    const span = Number.isFinite(this.earliest) ? end - this.earliest : 0;
    return Math.max(this.seconds(this.infoDuration), span);
  }
}

/** Reads a leaf element the walk needs into the timeline; false for one it does not need. */
async function readLeaf(r: MediaReader, id: number, size: number, t: Timeline): Promise<boolean> {
  const uint = async () => {
    if (size > 8) throw new UnreadableMedia('an integer longer than 8 bytes');
    return uintOf(await r.read(size));
  };
  switch (id) {
    case ID.TimecodeScale: {
      t.scale = await uint();
      if (t.scale === 0) throw new UnreadableMedia('a TimecodeScale of 0');
      return true;
    }
    case ID.Duration: {
      if (size !== 0 && size !== 4 && size !== 8) throw new UnreadableMedia('a Duration of odd size');
      const view = new DataView((await r.read(size)).buffer);
      const value = size === 0 ? 0 : size === 4 ? view.getFloat32(0) : view.getFloat64(0);
      if (!(value >= 0)) throw new UnreadableMedia('a Duration that is not a length');
      t.infoDuration = value;
      return true;
    }
    case ID.TrackNumber:
      t.entry.number = await uint();
      break;
    case ID.DefaultDuration:
      t.entry.ns = await uint();
      break;
    case ID.Timecode:
      t.cluster = await uint();
      return true;
    case ID.BlockDuration:
      t.group.ticks = await uint();
      t.groupEnds();
      return true;
    case ID.SimpleBlock:
    case ID.Block: {
      const start = t.frame(...(await readBlockHead(r, size)));
      if (id === ID.Block) {
        t.group.start = start;
        t.groupEnds();
      }
      return true;
    }
    default:
      return false;
  }
  // A TrackEntry's number and DefaultDuration, in whichever order they came.
  if (t.entry.number !== undefined && t.entry.ns !== undefined) {
    t.frames.set(t.entry.number, t.entry.ns / NS_PER_SECOND);
  }
  return true;
}

/** A block's track number and relative timecode (signed, in ticks); skips the frame itself. */
async function readBlockHead(r: MediaReader, size: number): Promise<[number, number]> {
  const first = await r.byte();
  const length = vintLength(first);
  if (length > 8 || length + 2 > size) throw new UnreadableMedia('a block too short for its header');
  const track = uintOf(new Uint8Array([first & (0xff >> length), ...(await r.read(length - 1))]));
  const time = await r.read(2);
  const relative = new DataView(time.buffer).getInt16(0);
  await r.skip(size - length - 2);
  return [track, relative];
}

/** How long a WebM video plays, in seconds, or UnreadableMedia. */
export async function webmDuration(r: MediaReader): Promise<number> {
  if ((await readId(r)) !== ID.EBML) throw new UnreadableMedia('no EBML header');
  const headerSize = await readSize(r);
  if (headerSize === null) throw new UnreadableMedia('an EBML header of unknown size');
  await r.skip(headerSize);
  const t = new Timeline();
  while (!(await r.atEnd())) {
    r.count();
    const id = await readId(r);
    const size = await readSize(r);
    if (id === ID.TrackEntry) t.entry = {};
    if (id === ID.BlockGroup) t.group = {};
    if (ENTERED.has(id)) continue;
    if (size === null) throw new UnreadableMedia(`element 0x${id.toString(16)} of unknown size`);
    if (!(await readLeaf(r, id, size, t))) await r.skip(size);
  }
  const seconds = t.length();
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UnreadableMedia('no frames and no Duration');
  return seconds;
}
